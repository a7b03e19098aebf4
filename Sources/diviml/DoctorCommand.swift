import ArgumentParser
import CommandSupport
import DiviML
import Foundation

/// `diviml doctor`: which solver libraries were found, their versions and paths, and what
/// to install when one is missing.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Show which solver libraries (CP-SAT, HiGHS) and which ONNX Runtime were found, with versions and paths."
    )

    func run() throws {
        var missing = false
        for status in SolverLibraries.status() {
            if status.usable {
                print("\(status.library.fileName): \(status.version ?? "version unknown") at \(status.path ?? "?")")
                print("  engines: \(status.library.engines)")
            } else {
                missing = true
                print("\(status.library.fileName): not usable")
                print("  \(status.problem ?? "unknown problem")")
            }
        }
        print(missing ? "exact engines: some unavailable; heuristics work regardless" : "exact engines: ready")
        do {
            let runtime = try ORTRuntime.locate()
            print("onnxruntime: \(runtime.version) via \(runtime.python)")
            print("  providers: \(runtime.providers.joined(separator: ", ")); runner \(runtime.runner)")
            print("run and profile: ready")
        } catch {
            print("onnxruntime: not usable")
            print("  \(error)")
            print("run and profile: unavailable; schedule and export-onnx work regardless")
        }
    }
}
