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
        try plan.replicas.enumerated().map { r, replica in
            let degrees = replica.stages.map(\.spec.tensorParallel)
            guard let t = degrees.first, degrees.allSatisfy({ $0 == t }) else {
                throw LLMPlanError.mixedTensorParallel(degrees: degrees)
            }
            let partition = replica.stages.map(\.spec.layers)
            let notes = ["replica \(r) of \(plan.replicas.count): \(plan.model.name), \(partition.count) stage(s)"]
                + replica.stages.enumerated().map { i, s in
                    "pipeline rank \(i): \(s.serverName), \(t) x \(s.gpuName), layers \(s.firstLayer)-\(s.lastLayer)"
                }
            var arguments = [plan.model.name,
                             "--tensor-parallel-size", "\(t)", "--pipeline-parallel-size", "\(partition.count)",
                             "--max-num-seqs", "\(plan.workload.batch)", "--max-model-len", "\(plan.workload.maxContext)",
                             "--dtype", plan.model.dtype == "fp32" ? "float" : plan.model.dtype == "bf16" ? "bfloat16" : "half"]
            if Set(replica.stages.map(\.serverName)).count > 1 { arguments += ["--distributed-executor-backend", "ray"] }
            return VLLMLaunch(notes: notes,
                              environment: ["VLLM_PP_LAYER_PARTITION": partition.map(String.init).joined(separator: ",")],
                              arguments: arguments, tensorParallelSize: t, pipelineParallelSize: partition.count,
                              layerPartition: partition)
        }
    }

    /// Every replica's launch, separated by blank lines.
    public static func script(for plan: LLMPlan) throws -> String {
        try launches(for: plan).map(\.script).joined(separator: "\n\n") + "\n"
    }
}
