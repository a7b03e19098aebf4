#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A shared library an exact engine loads at run time.
///
/// DiviML links neither OR-Tools nor HiGHS: both are opened with `dlopen` on first use, so
/// the package builds and every heuristic runs without them (docs/design.md §4, "Exact").
public enum SolverLibrary: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Google OR-Tools, whose C entry points run CP-SAT on serialized protos.
    case ortools
    /// HiGHS, through its C API (the MILP backend).
    case highs

    /// The file name looked for in every folder (the soname of the pinned wheel).
    public var fileName: String {
        #if os(macOS)
        self == .ortools ? "libortools.9.dylib" : "libhighs.1.dylib"
        #else
        self == .ortools ? "libortools.so.9" : "libhighs.so.1"
        #endif
    }

    /// The environment variable that names this library's file or folder.
    public var environmentVariable: String {
        self == .ortools ? "DIVIML_ORTOOLS_LIB" : "DIVIML_HIGHS_LIB"
    }

    /// The engines that need it.
    public var engines: String { self == .ortools ? "CP-SAT (--solver exact)" : "HiGHS (--solver milp)" }

    public var description: String { fileName }
}

/// Why an exact engine cannot run: its library is missing or unusable.
///
/// The description (`Errors/SolveError+Description.swift`) says exactly what to install,
/// so the CLI can print it as is.
public enum SolverLibraryError: Error, Sendable, Equatable {
    /// No candidate location holds the library; `searched` lists where it looked.
    case notFound(library: SolverLibrary, searched: [String])
    /// The file exists but cannot be used (dlopen failed, a symbol is missing, wrong ABI).
    case unusable(library: SolverLibrary, path: String, reason: String)
}

/// An opened library: its handle and the path it came from.
struct LoadedLibrary: @unchecked Sendable {
    // The handle is only passed to dlsym, which is thread-safe; the library is never closed.
    let handle: UnsafeMutableRawPointer
    let path: String
    let library: SolverLibrary

    /// Looks up `name`, failing with a message that names the symbol (names changed across 9.x).
    func symbol<F>(_ name: String, as type: F.Type) throws(SolverLibraryError) -> F {
        guard let raw = dlsym(handle, name) else {
            throw .unusable(library: library, path: path, reason: "it exports no symbol '\(name)' (a different version?)")
        }
        return unsafeBitCast(raw, to: type)
    }

    /// Looks up `name` when it is optional (version queries).
    func optionalSymbol<F>(_ name: String, as type: F.Type) -> F? {
        dlsym(handle, name).map { unsafeBitCast($0, to: type) }
    }
}
