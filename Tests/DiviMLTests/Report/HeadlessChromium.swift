import Foundation
import Testing

/// Headless Chromium for the report's browser tests: found on PATH (`chromium`, as
/// Debian's package installs it, or `chromium-browser`, `google-chrome`), run with a
/// fresh profile per call so that tests can run it in parallel.
///
/// Where it is missing the tests skip with the reason, except under CI (`CI=true`), where
/// scripts/test.sh has installed it: there a missing browser fails, unless the script
/// recorded in `DIVIML_CHROMIUM_UNAVAILABLE` why it could not install one.
enum HeadlessChromium {
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }()

    /// Why the browser tests skip: the install's failure as scripts/test.sh recorded it, or how to install one.
    static var missing: Comment {
        let reason = ProcessInfo.processInfo.environment["DIVIML_CHROMIUM_UNAVAILABLE"] ?? ""
        return Comment(rawValue: "headless Chromium not found: " + (reason.isEmpty
            ? "Debian: apt-get install chromium (scripts/test.sh installs it when run as root)" : reason))
    }

    /// Whether a missing browser must fail the test rather than skip it.
    static var required: Bool {
        let env = ProcessInfo.processInfo.environment
        return env["CI"] == "true" && (env["DIVIML_CHROMIUM_UNAVAILABLE"] ?? "").isEmpty
    }

    /// Where the browser tests keep their screenshots (git-ignored, beside the build folders).
    static let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build-artifacts/report")

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs Chromium on `page` with `arguments` (such as `--dump-dom`), networking left on
    /// so that a request would be attempted and logged, background services off.
    static func run(_ page: URL, _ arguments: [String]) throws -> Run {
        let executable = try #require(executable)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("diviml-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                             "--user-data-dir=\(profile.path)", "--virtual-time-budget=5000", "--window-size=1400,1200"]
            + arguments + [page.absoluteString]
        // Standard error goes to a file, so that only one pipe needs reading while it runs.
        let errFile = profile.appendingPathExtension("stderr")
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errFile) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errFile)
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = (try? Data(contentsOf: errFile)) ?? Data()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }
}
