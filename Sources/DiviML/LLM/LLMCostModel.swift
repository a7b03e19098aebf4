/// Analytical time of transformer inference on a tensor-parallel GPU group, the roofline of
/// Williams et al. (2009) applied per decoder layer as in the LLM-serving literature
/// (e.g. Pope et al. 2023, "Efficiently Scaling Transformer Inference"):
///
/// - one layer, β sequences, q new tokens each, context c, on t GPUs:
///   `time = max(FLOPs / (t · F), bytes / B) + 2 · allReduce(β · q · h · e)`
///   with `FLOPs = β·q·(2·P_layer + 4·h·c̄)` (matmuls plus QKᵀ and AV; c̄ = c/2 in prefill
///   because attention is causal), `bytes` = the layer's weight shard + the KV cache read
///   (decode) or written (prefill), F and B the GPU's sustained FLOP/s and bandwidth.
///   Decode (q = 1) is memory-bound, prefill (q = prompt) compute-bound; the roofline
///   picks whichever dominates.
/// - all-reduce of n bytes over the server's link (ring, Patarasuk & Yuan 2009):
///   `2(t−1)·α + 2(t−1)/t · n / β_link`; two per layer (after attention and after the MLP,
///   Megatron-LM, Shoeybi et al. 2019).
/// - embedding: read β·q rows, then an all-reduce (vocabulary-parallel embedding);
///   head: V·h/t weights and 2·β·V·h/t FLOPs for the last token of every sequence, then an
///   all-gather of the β·V logits.
/// - a hand-off between pipeline stages: `α + β·q·h·e / β_link` over the server's link when
///   both stages share a server, over the network otherwise.
///
/// - Complexity: every function is O(1).
package struct LLMCostModel: Sendable {
    package let model: TransformerConfig
    package let cluster: Cluster
    package let workload: LLMWorkload

    package init(model: TransformerConfig, cluster: Cluster, workload: LLMWorkload) {
        self.model = model
        self.cluster = cluster
        self.workload = workload
    }

    /// The two inference phases.
    package enum Phase: Sendable { case prefill, decode }

    var elementBytes: Double { Double(model.dtypeBytes) }

    /// New tokens per sequence in one step of `phase`.
    func tokens(_ phase: Phase) -> Double { phase == .prefill ? Double(workload.promptLength) : 1 }

    /// Sustained FLOP/s of one GPU of server type `type` for the model's dtype
    /// (0 when the GPU lists no figure for it; `LLMPlanner` rejects such clusters first).
    func flops(_ type: Int) -> Double { cluster.serverTypes[type].gpu.sustainedFlops(model.dtype) ?? 0 }

    /// Ring all-reduce of `bytes` among `t` GPUs of server type `type`.
    package func allReduce(type: Int, t: Int, bytes: Double) -> Double {
        guard t > 1 else { return 0 }
        let link = cluster.serverTypes[type].intraLink, n = Double(t)
        return 2 * (n - 1) * link.latency + 2 * (n - 1) / n * bytes / link.bandwidth
    }

    /// Ring all-gather producing `bytes` on each of `t` GPUs of server type `type`.
    package func allGather(type: Int, t: Int, bytes: Double) -> Double {
        guard t > 1 else { return 0 }
        let link = cluster.serverTypes[type].intraLink, n = Double(t)
        return (n - 1) * link.latency + (n - 1) / n * bytes / link.bandwidth
    }

    /// Time of one decoder layer for `sequences` sequences on a `t`-way group of `type`.
    package func layerTime(_ phase: Phase, type: Int, t: Int, sequences: Double) -> Double {
        let h = Double(model.hiddenSize), q = tokens(phase), tp = Double(t)
        let context = phase == .prefill ? Double(workload.promptLength) / 2 : workload.meanDecodeContext
        let work = sequences * q * (2 * model.layerParameters + 4 * h * context) / tp
        let kvTokens = phase == .prefill ? q : workload.meanDecodeContext
        let bytes = model.layerWeightBytesPerGPU(tensorParallel: t)
            + sequences * kvTokens * model.kvBytesPerTokenPerLayer(tensorParallel: t)
        let gpu = cluster.serverTypes[type].gpu
        let roof = max(work / flops(type), bytes / gpu.sustainedBandwidth)
        return roof + 2 * allReduce(type: type, t: t, bytes: sequences * q * h * elementBytes)
    }

    /// Time of the embedding lookup (first stage) for `sequences` sequences.
    package func embeddingTime(_ phase: Phase, type: Int, t: Int, sequences: Double) -> Double {
        let rows = sequences * tokens(phase) * Double(model.hiddenSize) * elementBytes
        let read = rows / Double(t) / cluster.serverTypes[type].gpu.sustainedBandwidth
        return read + allReduce(type: type, t: t, bytes: rows)
    }

    /// Time of the final norm and output head (last stage): logits of the last token only.
    package func headTime(type: Int, t: Int, sequences: Double) -> Double {
        let v = Double(model.vocabSize), h = Double(model.hiddenSize), tp = Double(t)
        let work = 2 * sequences * v * h / tp
        let bytes = v * h * elementBytes / tp
        let roof = max(work / flops(type), bytes / cluster.serverTypes[type].gpu.sustainedBandwidth)
        return roof + allGather(type: type, t: t, bytes: sequences * v * elementBytes)
    }

    /// Time to hand the activations of `sequences` sequences from one stage to the next.
    /// - Parameter sameServer: the server type both stages share, or nil across the network.
    package func handoffTime(_ phase: Phase, sameServer: Int?, sequences: Double) -> Double {
        let bytes = sequences * tokens(phase) * Double(model.hiddenSize) * elementBytes
        let link = sameServer.map { cluster.serverTypes[$0].intraLink } ?? cluster.network
        return link.time(bytes: bytes)
    }
}
