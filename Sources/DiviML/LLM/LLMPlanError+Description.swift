import Foundation

/// The words users read for every `LLMPlanError`: what failed, the numbers, and the fix.
extension LLMPlanError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .stageOutOfMemory(stage, server, t, first, last, needed, capacity):
            return "stage \(stage) (server \(server), TP \(t), layers \(first)-\(last)) needs \(formatBytes(needed)) "
                + "per GPU but has \(formatBytes(capacity)) usable (short by \(formatBytes(needed - capacity))); "
                + "give it fewer layers, a higher tensor-parallel degree, or a smaller --batch/--prompt-length/--generate"
        case let .noFeasiblePlan(model, cluster, detail):
            return "no plan fits \(model) on cluster '\(cluster)': \(detail); "
                + "try a smaller --batch, --prompt-length or --generate, or a larger cluster"
        case let .unsupportedDType(gpu, dtype, available):
            return "GPU '\(gpu)' lists no peak FLOP/s for \(dtype) (it lists \(available.joined(separator: ", "))); "
                + "serve the model in one of those types or add a figure to the cluster file"
        case let .mixedTensorParallel(degrees):
            return "vLLM takes one --tensor-parallel-size for every stage, but this plan uses TP degrees "
                + degrees.map(String.init).joined(separator: ", ") + "; plan again with --uniform-tp"
        case let .spaceTooLarge(size, limit):
            return String(format: "the full search space has %.3g plans, more than the brute-force limit %.3g", size, limit)
        }
    }
}
