/// A decoder-only transformer, described by the handful of numbers that decide its cost and
/// memory: the figures of a Hugging Face `config.json` (`num_hidden_layers`, `hidden_size`,
/// `num_attention_heads`, `num_key_value_heads`, `intermediate_size`, `vocab_size`).
///
/// Every decoder layer is identical, which is what lets the LLM planner treat layers as
/// interchangeable (see `SymmetrySearch`). Grouped-query attention (Ainslie et al. 2023) is
/// expressed by `kvHeads < attentionHeads`; multi-head attention has `kvHeads == attentionHeads`.
public struct TransformerConfig: Sendable, Hashable, Codable {
    public var name: String
    /// Number of decoder layers (L).
    public var layers: Int
    /// Model width (h).
    public var hiddenSize: Int
    /// Query heads (a).
    public var attentionHeads: Int
    /// Key/value heads (k); fewer than `attentionHeads` under grouped-query attention.
    public var kvHeads: Int
    /// Inner width of the feed-forward block (f).
    public var ffnSize: Int
    /// Vocabulary size (V): rows of the embedding and of the output head.
    public var vocabSize: Int
    /// Element type of weights, activations and KV cache (`fp16`, `bf16`, `fp32`).
    public var dtype: String
    /// True for a gated (SwiGLU) feed-forward block with three matrices (Llama), false for the
    /// two-matrix block (OPT, GPT).
    public var gatedMLP: Bool
    /// True when the output head shares the embedding's weights (OPT).
    public var tiedEmbeddings: Bool
    /// Where the numbers come from.
    public var source: String

    public init(name: String, layers: Int, hiddenSize: Int, attentionHeads: Int, kvHeads: Int,
                ffnSize: Int, vocabSize: Int, dtype: String = "fp16", gatedMLP: Bool = true,
                tiedEmbeddings: Bool = false, source: String = "") {
        self.name = name
        self.layers = layers
        self.hiddenSize = hiddenSize
        self.attentionHeads = attentionHeads
        self.kvHeads = kvHeads
        self.ffnSize = ffnSize
        self.vocabSize = vocabSize
        self.dtype = dtype
        self.gatedMLP = gatedMLP
        self.tiedEmbeddings = tiedEmbeddings
        self.source = source
    }

    /// Bytes per element of each supported `dtype`.
    public static let dtypeSizes: [String: Int] = ["fp16": 2, "bf16": 2, "fp32": 4]

    /// Bytes per element (2 for fp16).
    public var dtypeBytes: Int { Self.dtypeSizes[dtype] ?? 2 }

    /// Width of one attention head, h / a.
    public var headDim: Int { hiddenSize / attentionHeads }
}

extension TransformerConfig {
    /// Whether `t`-way tensor parallelism (Megatron-LM, Shoeybi et al. 2019) can split this
    /// model: query heads divide evenly, and KV heads either divide evenly or are replicated
    /// (t a multiple of k), as vLLM does for grouped-query attention.
    public func allowsTensorParallel(_ t: Int) -> Bool {
        t >= 1 && attentionHeads % t == 0 && (kvHeads % t == 0 || t % kvHeads == 0)
    }

    /// KV heads each GPU of a `t`-way group stores: k / t, or 1 when the heads are replicated.
    public func kvHeadsPerGPU(_ t: Int) -> Int { max(1, kvHeads / t) }

    /// Parameters of one decoder layer: Q and O (h x h each), K and V (h x k·d each), the
    /// feed-forward block (3·h·f gated, 2·h·f plain) and two norm vectors (2·h).
    public var layerParameters: Double {
        let h = Double(hiddenSize), kd = Double(kvHeads * headDim), f = Double(ffnSize)
        return 2 * h * h + 2 * h * kd + (gatedMLP ? 3 : 2) * h * f + 2 * h
    }

    /// Bytes of one layer's weights held by each GPU of a `t`-way group: the matrices split t
    /// ways, K and V by KV head (replicated heads counted on every GPU), norms replicated.
    public func layerWeightBytesPerGPU(tensorParallel t: Int) -> Double {
        let h = Double(hiddenSize), f = Double(ffnSize), tp = Double(t)
        let kvPerGPU = Double(kvHeadsPerGPU(t) * headDim)
        let elements = 2 * h * h / tp + 2 * h * kvPerGPU + (gatedMLP ? 3 : 2) * h * f / tp + 2 * h
        return elements * Double(dtypeBytes)
    }

    /// Bytes of KV cache one token adds to one layer on each GPU of a `t`-way group:
    /// 2 (K and V) x KV heads per GPU x head width x element size.
    public func kvBytesPerTokenPerLayer(tensorParallel t: Int) -> Double {
        Double(2 * kvHeadsPerGPU(t) * headDim * dtypeBytes)
    }

    /// Parameters of the embedding table (and of an untied output head): V x h.
    public var embeddingParameters: Double { Double(vocabSize) * Double(hiddenSize) }

    /// Total parameters: layers, embedding, and the head when it is not tied.
    public var totalParameters: Double {
        Double(layers) * layerParameters + embeddingParameters * (tiedEmbeddings ? 1 : 2)
    }
}
