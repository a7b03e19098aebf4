import Foundation

/// Where the `ortools` Python package keeps its shared libraries, asked of `python3`
/// once per process (never cached on disk, so a reinstall is seen on the next run).
enum PythonPackage {
    /// The package's `.libs` folder, or nil when python3 or the package is missing.
    static let ortoolsLibs: String? = query()

    private static func query() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import os, ortools; print(os.path.join(os.path.dirname(ortools.__file__), '.libs'))"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let path = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !path.isEmpty, FileManager.default.fileExists(atPath: path) else { return nil }
        return path
    }
}
