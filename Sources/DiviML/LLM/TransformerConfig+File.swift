import Foundation
import Yams

/// The on-disk form of a model (YAML or JSON). Two spellings are read: DiviML's own
///
/// ```yaml
/// name: llama-2-70b
/// layers: 80
/// hiddenSize: 8192
/// attentionHeads: 64
/// kvHeads: 8            # optional, defaults to attentionHeads
/// ffnSize: 28672
/// vocabSize: 32000
/// dtype: fp16           # optional, default fp16
/// gatedMLP: true        # optional, default true (SwiGLU)
/// tiedEmbeddings: false # optional
/// ```
///
/// and a Hugging Face `config.json` (`num_hidden_layers`, `hidden_size`, `num_attention_heads`,
/// `num_key_value_heads`, `intermediate_size` or `ffn_dim`, `vocab_size`, `torch_dtype`,
/// `tie_word_embeddings`, `model_type`).
struct TransformerConfigFile: Codable {
    var name: String?
    var layers: Int?
    var hiddenSize: Int?
    var attentionHeads: Int?
    var kvHeads: Int?
    var ffnSize: Int?
    var vocabSize: Int?
    var dtype: String?
    var gatedMLP: Bool?
    var tiedEmbeddings: Bool?
    var source: String?
    // Hugging Face spellings.
    var num_hidden_layers: Int?
    var hidden_size: Int?
    var num_attention_heads: Int?
    var num_key_value_heads: Int?
    var intermediate_size: Int?
    var ffn_dim: Int?
    var vocab_size: Int?
    var torch_dtype: String?
    var tie_word_embeddings: Bool?
    var model_type: String?
    var _name_or_path: String?
}

extension TransformerConfig {
    /// Reads a model from YAML or JSON text.
    /// - Parameter file: the name used in error messages.
    /// - Throws: `InputError.malformed` naming the file, the key and what was expected.
    public static func parse(_ text: String, file: String) throws -> TransformerConfig {
        let entry: TransformerConfigFile
        do {
            entry = try YAMLDecoder().decode(TransformerConfigFile.self, from: text)
        } catch let error as DecodingError {
            throw InputError(decoding: error, file: file)
        } catch {
            throw InputError.malformed(file: file, path: "", expected: "valid YAML or JSON (\(error))")
        }
        return try entry.config(file: file)
    }

    /// Reads a model file from disk.
    public static func load(path: String) throws -> TransformerConfig {
        try parse(readTextFile(path), file: path)
    }
}

extension TransformerConfigFile {
    func config(file: String) throws -> TransformerConfig {
        func need(_ value: Int?, _ key: String, _ hfKey: String, most: Int = TransformerConfig.maximumWidth) throws -> Int {
            guard let value else {
                throw InputError.malformed(file: file, path: key, expected: "a value for required key '\(key)' (or '\(hfKey)')")
            }
            guard (1...most).contains(value) else {
                throw InputError.malformed(file: file, path: key, expected: "an integer from 1 to \(most), found \(value)")
            }
            return value
        }
        let heads = try need(attentionHeads ?? num_attention_heads, "attentionHeads", "num_attention_heads")
        let fallbackName = _name_or_path.map { ($0 as NSString).lastPathComponent } ?? model_type ?? "model"
        let config = TransformerConfig(
            name: name ?? fallbackName,
            layers: try need(layers ?? num_hidden_layers, "layers", "num_hidden_layers", most: TransformerConfig.maximumLayers),
            hiddenSize: try need(hiddenSize ?? hidden_size, "hiddenSize", "hidden_size"),
            attentionHeads: heads,
            kvHeads: try need(kvHeads ?? num_key_value_heads ?? heads, "kvHeads", "num_key_value_heads"),
            ffnSize: try need(ffnSize ?? intermediate_size ?? ffn_dim, "ffnSize", "intermediate_size"),
            vocabSize: try need(vocabSize ?? vocab_size, "vocabSize", "vocab_size"),
            dtype: try dtypeName(file: file),
            gatedMLP: gatedMLP ?? (model_type.map { $0 != "opt" && $0 != "gpt2" } ?? true),
            tiedEmbeddings: tiedEmbeddings ?? tie_word_embeddings ?? false,
            source: source ?? file)
        try config.check(file: file)
        return config
    }

    private func dtypeName(file: String) throws -> String {
        let aliases = ["float16": "fp16", "half": "fp16", "bfloat16": "bf16", "float32": "fp32", "float": "fp32"]
        let raw = dtype ?? torch_dtype ?? "fp16"
        let name = aliases[raw] ?? raw
        guard TransformerConfig.dtypeSizes[name] != nil else {
            throw InputError.malformed(file: file, path: "dtype",
                                       expected: "one of \(TransformerConfig.dtypeSizes.keys.sorted().joined(separator: ", ")), found '\(raw)'")
        }
        return name
    }
}

extension TransformerConfig {
    /// The most decoder layers a model file may have: 1,024, eight times the deepest
    /// published decoder (Llama 3.1 405B, 126 layers); the search is linear in the layers.
    public static let maximumLayers = 1024
    /// The most a width (hidden size, heads, FFN size, vocabulary) may be: 2^20, far above
    /// any published model (FFN 53,248 in Llama 3.1 405B, vocabulary 256,000 in Gemma).
    public static let maximumWidth = 1 << 20

    /// Checks the shape rules a transformer must satisfy: heads divide the width, KV heads
    /// divide the query heads.
    func check(file: String) throws {
        guard hiddenSize % attentionHeads == 0 else {
            throw InputError.malformed(file: file, path: "attentionHeads",
                                       expected: "a divisor of hiddenSize \(hiddenSize), found \(attentionHeads)")
        }
        guard kvHeads <= attentionHeads, attentionHeads % kvHeads == 0 else {
            throw InputError.malformed(file: file, path: "kvHeads",
                                       expected: "a divisor of attentionHeads \(attentionHeads), found \(kvHeads)")
        }
    }
}
