/// Why a serving plan cannot be built or exported. Cases carry data only; the words are in
/// `LLMPlanError+Description.swift`.
public enum LLMPlanError: Error, Sendable, Equatable {
    /// A stage's GPUs cannot hold what the stage needs.
    case stageOutOfMemory(stage: Int, server: String, tensorParallel: Int, firstLayer: Int, lastLayer: Int,
                          neededBytes: Double, capacityBytes: Double)
    /// No plan of any shape fits the cluster's memory; `neededBytes` is the least any plan
    /// needs on its tightest stage and `capacityBytes` what that stage's GPU offers.
    case noFeasiblePlan(model: String, cluster: String, detail: String)
    /// A GPU lists no FLOP/s for the model's element type (e.g. bf16 on a V100).
    case unsupportedDType(gpu: String, dtype: String, available: [String])
    /// vLLM takes one `--tensor-parallel-size` for all stages; the plan mixes degrees.
    case mixedTensorParallel(degrees: [Int])
    /// The brute-force search was asked for an instance whose full space is too large.
    case spaceTooLarge(size: Double, limit: Double)
}
