/// Models that ship with the tool, written as the YAML a user would write. Every number is
/// the model's published Hugging Face `config.json` (the field names are given beside each
/// value); the element type is fp16 (2 bytes), as served with vLLM's `--dtype half`.
public enum BuiltinLLMs {
    /// Names and YAML text, in the order `diviml llm --list-models` lists them.
    public static let all: [(name: String, yaml: String)] = [
        ("llama-2-7b", llama2_7b), ("llama-2-13b", llama2_13b), ("llama-2-70b", llama2_70b),
        ("llama-3-8b", llama3_8b), ("llama-3-70b", llama3_70b), ("opt-30b", opt30b), ("opt-66b", opt66b),
    ]

    /// The built-in model called `name`.
    /// - Throws: `InputError.unknownName` listing the built-ins (with a "did you mean").
    public static func named(_ name: String) throws -> TransformerConfig {
        guard let entry = all.first(where: { $0.name == name }) else {
            throw InputError.unknownName(kind: "model", name: name, known: all.map(\.name))
        }
        return try TransformerConfig.parse(entry.yaml, file: "built-in model '\(name)'")
    }

    /// A built-in name, or else a path to a YAML/JSON model file.
    public static func resolve(_ nameOrPath: String) throws -> TransformerConfig {
        if all.contains(where: { $0.name == nameOrPath }) { return try named(nameOrPath) }
        if looksLikePath(nameOrPath) { return try TransformerConfig.load(path: nameOrPath) }
        return try named(nameOrPath)
    }

    // Llama 2 (Touvron et al. 2023, arXiv:2307.09288): SwiGLU MLP, untied head, 32000 tokens.
    static let llama2_7b = """
    name: llama-2-7b
    layers: 32           # num_hidden_layers
    hiddenSize: 4096     # hidden_size
    attentionHeads: 32   # num_attention_heads
    kvHeads: 32          # num_key_value_heads (multi-head attention)
    ffnSize: 11008       # intermediate_size
    vocabSize: 32000     # vocab_size
    dtype: fp16
    gatedMLP: true
    source: "meta-llama/Llama-2-7b-hf config.json"
    """

    static let llama2_13b = """
    name: llama-2-13b
    layers: 40
    hiddenSize: 5120
    attentionHeads: 40
    kvHeads: 40
    ffnSize: 13824
    vocabSize: 32000
    dtype: fp16
    gatedMLP: true
    source: "meta-llama/Llama-2-13b-hf config.json"
    """

    static let llama2_70b = """
    name: llama-2-70b
    layers: 80
    hiddenSize: 8192
    attentionHeads: 64
    kvHeads: 8           # grouped-query attention: 8 KV heads
    ffnSize: 28672
    vocabSize: 32000
    dtype: fp16
    gatedMLP: true
    source: "meta-llama/Llama-2-70b-hf config.json"
    """

    // Llama 3 (Meta, 2024): grouped-query attention in both sizes, 128256-token vocabulary.
    static let llama3_8b = """
    name: llama-3-8b
    layers: 32
    hiddenSize: 4096
    attentionHeads: 32
    kvHeads: 8
    ffnSize: 14336
    vocabSize: 128256
    dtype: fp16
    gatedMLP: true
    source: "meta-llama/Meta-Llama-3-8B config.json"
    """

    static let llama3_70b = """
    name: llama-3-70b
    layers: 80
    hiddenSize: 8192
    attentionHeads: 64
    kvHeads: 8
    ffnSize: 28672
    vocabSize: 128256
    dtype: fp16
    gatedMLP: true
    source: "meta-llama/Meta-Llama-3-70B config.json"
    """

    // OPT (Zhang et al. 2022, arXiv:2205.01068, Table 1): ReLU MLP of width 4h, head tied to
    // the embedding, 50272-token vocabulary.
    static let opt30b = """
    name: opt-30b
    layers: 48           # num_hidden_layers
    hiddenSize: 7168     # hidden_size
    attentionHeads: 56
    kvHeads: 56
    ffnSize: 28672       # ffn_dim
    vocabSize: 50272
    dtype: fp16
    gatedMLP: false
    tiedEmbeddings: true
    source: "facebook/opt-30b config.json; OPT paper Table 1"
    """

    static let opt66b = """
    name: opt-66b
    layers: 64
    hiddenSize: 9216
    attentionHeads: 72
    kvHeads: 72
    ffnSize: 36864
    vocabSize: 50272
    dtype: fp16
    gatedMLP: false
    tiedEmbeddings: true
    source: "facebook/opt-66b config.json; OPT paper Table 1"
    """
}

/// Whether a command-line argument names a file rather than a built-in.
func looksLikePath(_ text: String) -> Bool {
    text.contains("/") || text.hasSuffix(".yaml") || text.hasSuffix(".yml") || text.hasSuffix(".json")
}
