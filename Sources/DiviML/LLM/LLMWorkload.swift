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

    /// Checks that every figure is usable.
    /// - Throws: `InputError.invalidValue` naming the figure.
    public func validate() throws {
        for (what, value, least) in [("--batch", batch, 1), ("--prompt-length", promptLength, 1), ("--generate", generateTokens, 1)]
        where value < least {
            throw InputError.invalidValue(what: what, value: "\(value)", allowed: "an integer >= \(least)")
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
