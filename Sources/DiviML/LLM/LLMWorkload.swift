/// What the served model is asked to do: `batch` sequences at once, each with a prompt of
/// `promptLength` tokens and `generateTokens` generated tokens.
public struct LLMWorkload: Sendable, Hashable, Codable {
    /// Concurrent sequences per replica (vLLM's `max_num_seqs`).
    public var batch: Int
    public var promptLength: Int
    public var generateTokens: Int

    public init(batch: Int = 8, promptLength: Int = 512, generateTokens: Int = 256) {
        self.batch = batch
        self.promptLength = promptLength
        self.generateTokens = generateTokens
    }

    /// Tokens of context the KV cache must hold per sequence: prompt + generated.
    public var maxContext: Int { promptLength + generateTokens }

    /// Mean context a decode step attends over: the prompt plus half the generated tokens.
    public var meanDecodeContext: Double { Double(promptLength) + Double(generateTokens) / 2 }

    /// The largest `batch`: 2^20 sequences, far beyond vLLM's `max_num_seqs` on any GPU
    /// (default 256), and small enough that batch × context × layers stays inside `Int`.
    public static let maximumBatch = 1 << 20
    /// The largest `promptLength` and `generateTokens`: 2^24 (16,777,216) tokens each, above
    /// the longest published context windows (10M tokens).
    public static let maximumTokens = 1 << 24

    /// Checks that every figure is usable.
    /// - Throws: `InputError.invalidValue` naming the figure.
    public func validate() throws {
        for (what, value, most) in [("--batch", batch, Self.maximumBatch), ("--prompt-length", promptLength, Self.maximumTokens),
                                    ("--generate", generateTokens, Self.maximumTokens)]
        where !(1...most).contains(value) {
            throw InputError.invalidValue(what: what, value: "\(value)", allowed: "an integer from 1 to \(most)")
        }
    }
}

/// The three things the planner can optimise.
public enum LLMObjective: String, Sendable, Hashable, Codable, CaseIterable {
    /// Minimum per-token decode latency of one pipeline (batch in one step through all stages).
    case latency
    /// Maximum decode tokens/s over the whole cluster: pipelines with micro-batches, replicas.
    case throughput
    /// Minimum prefill latency of one pipeline (all prompts of the batch at once).
    case prefill
}
