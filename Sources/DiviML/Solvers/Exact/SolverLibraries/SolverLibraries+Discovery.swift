#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Finds and opens the solver libraries, and reports what it found (`diviml doctor`).
///
/// Discovery order for each library, first hit wins:
/// 1. `DIVIML_ORTOOLS_LIB` / `DIVIML_HIGHS_LIB` (a file or a folder), else `DIVIML_SOLVER_LIBS`
///    (a folder). When one is set, nothing else is tried, so a variable pointing nowhere
///    reliably means "no library" (the tests rely on it).
/// 2. The system's search path (`dlopen` by soname: `LD_LIBRARY_PATH`, the ld.so cache, a
///    C++ OR-Tools or system HiGHS install), then `/usr/local/lib` and `/opt/ortools/lib`.
/// 3. The project-local `.solvers/site/ortools/.libs` that `scripts/fetch-solvers.sh` fills, or
///    `.venv/lib/python3.*/site-packages/ortools/.libs` of a project virtual environment,
///    looked for in the working directory, the executable's folder and their ancestors.
/// 4. The `ortools` Python package's `.libs` folder; `python3` is asked once per process.
///
/// Opened libraries stay open for the life of the process (dlclose does not unload them).
public enum SolverLibraries {
    /// The OR-Tools release the fetch script downloads and the proto subset was checked against.
    public static let ortoolsPin = "9.15.6755"

    /// Opens `library`, from the cache when that path was opened before.
    /// - Throws: `SolverLibraryError` saying what was searched and what to install.
    static func load(_ library: SolverLibrary, environment: [String: String]) throws(SolverLibraryError) -> LoadedLibrary {
        var searched: [String] = []
        let fixed = candidates(for: library, environment: environment)
        for candidate in fixed {
            searched.append(candidate.label)
            if let loaded = try open(candidate, library) { return loaded }
        }
        // Asking python3 costs a process start, so it comes last and only when needed.
        if fixed.allSatisfy(\.optional) {
            let python = pythonCandidate(for: library)
            searched.append(python.label)
            if let loaded = try open(python, library) { return loaded }
        }
        throw .notFound(library: library, searched: searched)
    }

    /// One place to look.
    struct Candidate {
        /// A path, or a bare soname for the system search.
        var target: String
        var label: String
        /// Whether a missing file is simply skipped (false for an explicit variable).
        var optional: Bool
    }

    static func candidates(for library: SolverLibrary, environment: [String: String]) -> [Candidate] {
        let file = library.fileName
        if let explicit = environment[library.environmentVariable] ?? environment["DIVIML_SOLVER_LIBS"], !explicit.isEmpty {
            let name = environment[library.environmentVariable] != nil ? library.environmentVariable : "DIVIML_SOLVER_LIBS"
            return [Candidate(target: resolve(explicit, file), label: "\(name)=\(explicit)", optional: false)]
        }
        var list = [Candidate(target: file, label: "the system library path", optional: true)]
        list += ["/usr/local/lib", "/opt/ortools/lib"].map { Candidate(target: "\($0)/\(file)", label: $0, optional: true) }
        list += projectLocalFolders().map { Candidate(target: "\($0)/\(file)", label: $0, optional: true) }
        return list
    }

    static func pythonCandidate(for library: SolverLibrary) -> Candidate {
        guard let libs = PythonPackage.ortoolsLibs else {
            return Candidate(target: "", label: "python3's ortools package (not installed)", optional: true)
        }
        return Candidate(target: "\(libs)/\(library.fileName)", label: "python3's ortools package (\(libs))", optional: true)
    }

    private static func resolve(_ path: String, _ file: String) -> String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return (path as NSString).appendingPathComponent(file)
        }
        return path
    }

    /// `.solvers/site/ortools/.libs` folders above the working directory and above the executable.
    static func projectLocalFolders() -> [String] {
        var found: [String] = []
        for dir in foldersAboveWorkingDirectoryAndExecutable() {
            for lib in [dir.appendingPathComponent(".solvers/site/ortools/.libs").path] + venvFolders(dir)
            where FileManager.default.fileExists(atPath: lib) && !found.contains(lib) {
                found.append(lib)
            }
        }
        return found
    }

    /// `ortools/.libs` inside a project-local virtual environment (`.venv/lib/python3.*`).
    private static func venvFolders(_ dir: URL) -> [String] {
        let lib = dir.appendingPathComponent(".venv/lib")
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
        return pythons.filter { $0.hasPrefix("python3") }.sorted()
            .map { lib.appendingPathComponent("\($0)/site-packages/ortools/.libs").path }
    }

    /// Opens a candidate; nil when an optional one is absent.
    private static func open(_ c: Candidate, _ library: SolverLibrary) throws(SolverLibraryError) -> LoadedLibrary? {
        guard !c.target.isEmpty else { return nil }
        let isPath = c.target.contains("/")
        if isPath, !FileManager.default.fileExists(atPath: c.target) { return nil }
        return try LibraryCache.shared.open(c.target, library: library, optional: c.optional && !isPath)
    }
}

/// Handles opened so far, by the path or soname asked for. Guarded by a lock: solves on
/// several threads (the splitting heuristic) may load concurrently.
final class LibraryCache: @unchecked Sendable {
    static let shared = LibraryCache()
    private let lock = NSLock()
    private var handles: [String: LoadedLibrary] = [:]

    func open(_ target: String, library: SolverLibrary, optional: Bool) throws(SolverLibraryError) -> LoadedLibrary? {
        lock.lock()
        defer { lock.unlock() }
        if let known = handles[target] { return known }
        guard let handle = dlopen(target, RTLD_NOW | RTLD_LOCAL) else {
            if optional { return nil }
            let reason = dlerror().map { String(cString: $0) } ?? "dlopen failed"
            throw .unusable(library: library, path: target, reason: reason)
        }
        let loaded = LoadedLibrary(handle: handle, path: Self.realPath(handle, fallback: target), library: library)
        handles[target] = loaded
        return loaded
    }

    /// The file a library found by soname came from: the mapping in /proc/self/maps
    /// whose name ends with the soname (Linux); the soname itself elsewhere.
    private static func realPath(_ handle: UnsafeMutableRawPointer, fallback: String) -> String {
        guard !fallback.contains("/"), let maps = fopen("/proc/self/maps", "r") else { return fallback }
        defer { fclose(maps) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, maps) > 0, let text = line.map({ String(cString: $0) }) {
            guard let slash = text.firstIndex(of: "/") else { continue }
            let path = text[slash...].trimmingCharacters(in: .whitespacesAndNewlines)
            if path.hasSuffix("/" + fallback) { return path }
        }
        return fallback
    }
}
