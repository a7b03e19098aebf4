/// What one GPU of a pipeline stage must hold, in bytes.
public struct StageMemory: Sendable, Hashable, Codable {
    /// The stage's share of the weights: its layers' shards, plus the embedding shard on the
    /// first stage and the head shard on the last.
    public var weights: Double
    /// KV cache for `batch` sequences of `prompt + generated` tokens over the stage's layers.
    public var kvCache: Double
    /// Transient activations of the largest step (prefill of the whole batch through one
    /// layer), and fp32 logits on the last stage.
    public var workspace: Double
    /// Usable memory: the GPU's memory less the cluster's reserve fraction.
    public var capacity: Double

    public var used: Double { weights + kvCache + workspace }
    public var free: Double { capacity - used }
    public var fits: Bool { used <= capacity }
}

/// Memory per GPU of a stage (Kwon et al. 2023, vLLM: weights + KV cache + activation
/// workspace, within `gpu_memory_utilization` of the device).
///
/// - weights = n · W(t) + [first] V·h·e/t + [last] V·h·e/t (the head counted once when it
///   is tied to the embedding and one stage holds both)
/// - KV cache = n · batch · (prompt + generated) · 2 · k(t) · d · e, with k(t) the KV heads
///   per GPU (KV heads are split t ways, or replicated when t exceeds them)
/// - workspace = batch · prompt · e · (2h + 2f/t) + [last] batch · V · 4
///
/// - Complexity: O(1) per call.
extension LLMCostModel {
    /// Usable bytes on a GPU of server type `type`.
    public func capacity(type: Int) -> Double {
        cluster.serverTypes[type].gpu.memoryBytes * (1 - cluster.memoryReserve)
    }

    /// Bytes each GPU of a `t`-way stage of `type` holding `layers` layers needs.
    public func stageMemory(type: Int, t: Int, layers: Int, first: Bool, last: Bool) -> StageMemory {
        let e = elementBytes, h = Double(model.hiddenSize), tp = Double(t)
        let b = Double(workload.batch), p = Double(workload.promptLength)
        let table = Double(model.vocabSize) * h * e / tp
        let tables = (first ? 1.0 : 0) + (last && !(first && model.tiedEmbeddings) ? 1 : 0)
        let weights = Double(layers) * model.layerWeightBytesPerGPU(tensorParallel: t) + tables * table
        let kv = Double(layers) * b * Double(workload.maxContext) * model.kvBytesPerTokenPerLayer(tensorParallel: t)
        let logits = last ? b * Double(model.vocabSize) * 4 : 0
        let workspace = b * p * e * (2 * h + 2 * Double(model.ffnSize) / tp) + logits
        return StageMemory(weights: weights, kvCache: kv, workspace: workspace, capacity: capacity(type: type))
    }

    /// The most layers a `t`-way stage of `type` can hold, at most the model's (may be 0 or
    /// negative when not even the fixed parts fit).
    public func maxLayers(type: Int, t: Int, first: Bool, last: Bool) -> Int {
        let empty = stageMemory(type: type, t: t, layers: 0, first: first, last: last)
        let perLayer = stageMemory(type: type, t: t, layers: 1, first: first, last: last).used - empty.used
        let room = empty.capacity - empty.used
        guard room >= 0 else { return -1 }
        let fit = (room / perLayer).rounded(.down)
        return fit < Double(model.layers) ? Int(fit) : model.layers
    }
}
