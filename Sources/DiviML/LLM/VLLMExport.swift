/// How to launch a plan with vLLM (Kwon et al. 2023): one `vllm serve` per replica, its
/// pipeline stages given by `--pipeline-parallel-size`, its tensor-parallel degree by
/// `--tensor-parallel-size`, and the uneven layer split by the environment variable
/// `VLLM_PP_LAYER_PARTITION` (comma-separated layer counts, one per pipeline rank; read by
/// `vllm.distributed.utils.get_pp_indices`).
public struct VLLMLaunch: Sendable, Hashable, Codable {
    /// Lines that say where each stage runs (vLLM places pipeline ranks in Ray's order).
    public var notes: [String]
    public var environment: [String: String]
    public var arguments: [String]
    public var tensorParallelSize: Int
    public var pipelineParallelSize: Int
    /// Layer counts per pipeline rank.
    public var layerPartition: [Int]

    /// A shell fragment: comments, `export` lines, and the `vllm serve` command.
    public var script: String {
        let exports = environment.keys.sorted().map { "export \($0)=\"\(environment[$0]!)\"" }
        return (notes.map { "# " + $0 } + exports + [(["vllm", "serve"] + arguments).joined(separator: " ")]).joined(separator: "\n")
    }
}

public enum VLLMExport {
    /// One launch per replica of `plan`.
    /// - Throws: `LLMPlanError.mixedTensorParallel` when a replica mixes TP degrees (vLLM takes
    ///   one `--tensor-parallel-size`).
    public static func launches(for plan: LLMPlan) throws -> [VLLMLaunch] {
        let devices = deviceIndices(plan)
        return try plan.replicas.enumerated().map { r, replica in
            let degrees = replica.stages.map(\.spec.tensorParallel)
            guard let t = degrees.first, degrees.allSatisfy({ $0 == t }) else {
                throw LLMPlanError.mixedTensorParallel(degrees: degrees)
            }
            let partition = replica.stages.map(\.spec.layers)
            let notes = ["replica \(r) of \(plan.replicas.count): \(plan.model.name), \(partition.count) stage(s)"]
                + replica.stages.enumerated().map { i, s in
                    "pipeline rank \(i): \(s.serverName) GPUs \(devices[r][i]), \(t) x \(s.gpuName), layers \(s.firstLayer)-\(s.lastLayer)"
                }
            var arguments = [plan.model.name,
                             "--tensor-parallel-size", "\(t)", "--pipeline-parallel-size", "\(partition.count)",
                             "--max-num-seqs", "\(plan.workload.batch)", "--max-model-len", "\(plan.workload.maxContext)",
                             "--dtype", plan.model.dtype == "fp32" ? "float" : plan.model.dtype == "bf16" ? "bfloat16" : "half",
                             "--port", "\(8000 + r)"]
            if Set(replica.stages.map(\.serverName)).count > 1 { arguments += ["--distributed-executor-backend", "ray"] }
            var environment = ["VLLM_PP_LAYER_PARTITION": partition.map(String.init).joined(separator: ",")]
            if Set(replica.stages.map(\.serverName)).count == 1 {
                environment["CUDA_VISIBLE_DEVICES"] = devices[r].joined(separator: ",")
            }
            return VLLMLaunch(notes: notes, environment: environment,
                              arguments: arguments, tensorParallelSize: t, pipelineParallelSize: partition.count,
                              layerPartition: partition)
        }
    }

    /// Which GPUs (by index inside the server, comma-separated) each stage of each replica
    /// takes: every server's GPUs handed out in order of replicas and stages.
    static func deviceIndices(_ plan: LLMPlan) -> [[String]] {
        var next: [String: Int] = [:]
        return plan.replicas.map { replica in
            replica.stages.map { s in
                let first = next[s.serverName, default: 0]
                next[s.serverName] = first + s.spec.tensorParallel
                return (first..<(first + s.spec.tensorParallel)).map(String.init).joined(separator: ",")
            }
        }
    }

    /// Every replica's launch, separated by blank lines.
    public static func script(for plan: LLMPlan) throws -> String {
        try launches(for: plan).map(\.script).joined(separator: "\n\n") + "\n"
    }
}
