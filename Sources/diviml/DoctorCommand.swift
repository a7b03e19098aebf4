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
            printGPUs(cudaProvider: runtime.providers.contains("CUDAExecutionProvider"))
        } catch {
            print("onnxruntime: not usable")
            print("  \(error)")
            print("run and profile: unavailable; schedule and export-onnx work regardless")
            printGPUs(cudaProvider: false)
        }
    }

    /// The GPUs `local-cpu:N` gets (nvidia-smi, CUDA_VISIBLE_DEVICES), and whether ONNX
    /// Runtime can run them.
    private func printGPUs(cudaProvider: Bool) {
        let gpus = GPUFacts.current()
        guard !gpus.isEmpty else {
            print("GPUs: none found (nvidia-smi); local-cpu:N has CPU workers only")
            return
        }
        for gpu in gpus {
            print("GPU cuda\(gpu.ordinal): \(gpu.name), \(formatBytes(gpu.memoryBytes)); a device of local-cpu:N, run by CUDAExecutionProvider:\(gpu.ordinal)")
        }
        if !cudaProvider {
            print("  onnxruntime has no CUDAExecutionProvider: bash scripts/setup-python.sh --gpu installs onnxruntime-gpu into .venv-gpu "
                  + "(then DIVIML_PYTHON=.venv-gpu/bin/python); CUDA_VISIBLE_DEVICES= hides the GPUs from local-cpu:N")
        }
    }
}
