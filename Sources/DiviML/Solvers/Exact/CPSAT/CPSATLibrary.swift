#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SwiftProtobuf

/// CP-SAT's C entry points in `libortools.so.9`, looked up with dlsym.
///
/// `SolveCpInterruptible(env, model, params) -> response` takes a serialized
/// `CpModelProto` and `SatParameters` and returns a malloc'ed serialized `CpSolverResponse`
/// (copied, then freed here). `SolveCpStopSearch(env)` stops it from another thread.
/// Only bytes written by the swift-protobuf encoder are ever passed: unparseable bytes
/// abort the process inside the library.
struct CPSATLibrary: @unchecked Sendable {
    // C function pointers capture nothing; the library they point into is never closed.
    typealias NewEnv = @convention(c) () -> UnsafeMutableRawPointer?
    typealias EnvAction = @convention(c) (UnsafeMutableRawPointer?) -> Void
    typealias Solve = @convention(c) (
        UnsafeMutableRawPointer?, UnsafeRawPointer?, Int32, UnsafeRawPointer?, Int32,
        UnsafeMutablePointer<UnsafeMutableRawPointer?>?, UnsafeMutablePointer<Int32>?
    ) -> Void
    typealias VersionPart = @convention(c) () -> Int32

    let library: LoadedLibrary
    private let newEnv: NewEnv
    private let destroyEnv: EnvAction
    private let stopSearch: EnvAction
    private let solveInterruptible: Solve

    init(environment: [String: String]) throws(SolverLibraryError) {
        library = try SolverLibraries.load(.ortools, environment: environment)
        newEnv = try library.symbol("SolveCpNewEnv", as: NewEnv.self)
        destroyEnv = try library.symbol("SolveCpDestroyEnv", as: EnvAction.self)
        stopSearch = try library.symbol("SolveCpStopSearch", as: EnvAction.self)
        solveInterruptible = try library.symbol("SolveCpInterruptible", as: Solve.self)
    }

    /// "major.minor.patch" from OR-Tools' version functions, when exported.
    var version: String? {
        let names = ["Major", "Minor", "Patch"].map { "_ZN19operations_research\(14 + $0.count)OrTools\($0)VersionEv" }
        let parts = names.compactMap { library.optionalSymbol($0, as: VersionPart.self) }
        return parts.count == 3 ? parts.map { String($0()) }.joined(separator: ".") : nil
    }

    /// Solves `model`; a registered interrupt (Ctrl-C) stops the search early.
    func solve(
        _ model: OperationsResearch_Sat_CpModelProto, _ parameters: OperationsResearch_Sat_SatParameters
    ) throws -> OperationsResearch_Sat_CpSolverResponse {
        let modelBytes: [UInt8] = try model.serializedBytes()
        let paramBytes: [UInt8] = try parameters.serializedBytes()
        guard let env = newEnv() else { throw SolverLibraryError.unusable(library: .ortools, path: library.path, reason: "SolveCpNewEnv returned null") }
        defer { destroyEnv(env) }
        let envAddress = UInt(bitPattern: env)
        let stop = stopSearch
        var out: UnsafeMutableRawPointer?
        var outLength: Int32 = 0
        SolveInterruption.whileRunning(stop: { stop(UnsafeMutableRawPointer(bitPattern: envAddress)) }) {
            modelBytes.withUnsafeBytes { m in
                paramBytes.withUnsafeBytes { p in
                    solveInterruptible(env, m.baseAddress, Int32(m.count), p.baseAddress, Int32(p.count), &out, &outLength)
                }
            }
        }
        guard let out else { return OperationsResearch_Sat_CpSolverResponse() }
        defer { free(out) }
        let bytes = Data(bytes: out, count: Int(outLength))
        return try OperationsResearch_Sat_CpSolverResponse(serializedBytes: bytes)
    }
}
