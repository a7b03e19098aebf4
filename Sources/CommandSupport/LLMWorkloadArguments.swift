import ArgumentParser
import DiviML

/// The serving workload `llm` and `bench llm` share.
package struct LLMWorkloadArguments: ParsableArguments {
    package init() {}

    @Option(help: "Concurrent sequences per replica.")
    var batch: Int = 8

    @Option(name: .customLong("prompt-length"), help: "Prompt tokens per sequence.")
    var promptLength: Int = 512

    @Option(help: "Generated tokens per sequence.")
    var generate: Int = 256

    package var workload: LLMWorkload { LLMWorkload(batch: batch, promptLength: promptLength, generateTokens: generate) }
}
