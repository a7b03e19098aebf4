import Testing
@testable import DiviML

@Suite("LLM memory")
struct LLMMemoryTests {
    let cluster = try! BuiltinClusters.named("a100x2-v100x8")
    let model = try! BuiltinLLMs.named("llama-2-70b")

    /// A stage that cannot hold its layers is rejected, naming the stage and the shortfall.
    @Test func infeasibleStageIsNamed() throws {
        let cost = LLMCostModel(model: model, cluster: cluster, workload: LLMWorkload())
        let specs = [StageSpec(serverType: 0, server: 0, tensorParallel: 4, layers: 60),
                     StageSpec(serverType: 1, server: 0, tensorParallel: 1, layers: 20)]
        #expect {
            try cost.evaluate(pipeline: specs)
        } throws: { error in
            guard case let LLMPlanError.stageOutOfMemory(stage, server, t, first, last, needed, capacity) = error else { return false }
            let text = "\(error)"
            return stage == 1 && server == "v100-node" && t == 1 && first == 60 && last == 79 && needed > capacity
                && text.hasPrefix("stage 1 (server v100-node, TP 1, layers 60-79) needs 33.4 GiB per GPU but has 28.8 GiB usable (short by 4.6 GiB)")
        }
    }

    /// The shortfall is exactly the bytes used beyond the usable capacity.
    @Test func shortfallIsUsedMinusCapacity() {
        let cost = LLMCostModel(model: model, cluster: cluster, workload: LLMWorkload())
        let m = cost.stageMemory(type: 1, t: 1, layers: 20, first: false, last: true)
        #expect(m.capacity == 32 * 0x1p30 * 0.9)
        #expect(!m.fits && m.free < 0)
        let perLayer = model.layerWeightBytesPerGPU(tensorParallel: 1)
        #expect(m.weights == 20 * perLayer + Double(model.vocabSize * model.hiddenSize * 2))
    }

    /// Grouped-query attention: Llama-2-70B's KV cache per token per layer is 8 heads x 128 x 2 x 2 bytes,
    /// and past 8-way TP the KV heads are replicated.
    @Test func groupedQueryKVCache() {
        #expect(model.kvBytesPerTokenPerLayer(tensorParallel: 1) == 2 * 8 * 128 * 2)
        #expect(model.kvBytesPerTokenPerLayer(tensorParallel: 8) == 2 * 1 * 128 * 2)
        #expect(model.allowsTensorParallel(8) && !model.allowsTensorParallel(3))
        let llama3 = try! BuiltinLLMs.named("llama-3-8b")
        #expect(llama3.vocabSize == 128256 && llama3.kvHeads == 8 && llama3.dtypeBytes == 2)
    }

    /// A model that fits nowhere yields a typed error saying what it needs.
    @Test func nothingFits() throws {
        let small = try BuiltinClusters.named("l4-a10g-a100")
        let planner = LLMPlanner(model: try BuiltinLLMs.named("opt-66b"), cluster: small, workload: LLMWorkload(batch: 64))
        #expect {
            try planner.plan(.latency)
        } throws: { error in
            guard case LLMPlanError.noFeasiblePlan = error else { return false }
            return "\(error)".contains("opt-66b") && "\(error)".contains("KV cache")
        }
    }
}
