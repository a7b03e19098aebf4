@testable import DiviML

/// Small random instances for checking the reduced search against brute force.
enum LLMInstances {
    static func model(_ rng: inout SeededGenerator) -> TransformerConfig {
        let heads = [2, 4, 8].randomElement(using: &rng)!
        let kv = [1, 2, heads].filter { heads % $0 == 0 }.randomElement(using: &rng)!
        return TransformerConfig(
            name: "random", layers: Int.random(in: 2...6, using: &rng), hiddenSize: heads * 128,
            attentionHeads: heads, kvHeads: kv, ffnSize: Int.random(in: 2...4, using: &rng) * heads * 128,
            vocabSize: Int.random(in: 1000...60000, using: &rng), gatedMLP: Bool.random(using: &rng),
            tiedEmbeddings: Bool.random(using: &rng))
    }

    static func gpu(_ rng: inout SeededGenerator, name: String, modelBytes: Double) -> GPUSpec {
        GPUSpec(name: name, memoryBytes: modelBytes * Double.random(in: 0.3...1.5, using: &rng),
                peakFlops: ["fp16": Double.random(in: 20...300, using: &rng) * 1e12],
                memoryBandwidth: Double.random(in: 200...2000, using: &rng) * 1e9)
    }

    /// 1-3 server types, 1-3 GPUs per server, 1-2 servers per type, at most `maxGPUs` GPUs.
    static func cluster(_ rng: inout SeededGenerator, modelBytes: Double, maxGPUs: Int) -> Cluster {
        let network = LinkSpec(bandwidth: Double.random(in: 1...25, using: &rng) * 1e9, latency: Double.random(in: 10...30, using: &rng) * 1e-6)
        var types: [ServerType] = []
        var gpus = 0
        for j in 0..<Int.random(in: 1...3, using: &rng) {
            let perServer = Int.random(in: 1...3, using: &rng), count = Int.random(in: 1...2, using: &rng)
            guard gpus + perServer * count <= maxGPUs else { break }
            gpus += perServer * count
            let intra = LinkSpec(bandwidth: network.bandwidth * Double.random(in: 1...20, using: &rng),
                                 latency: network.latency * Double.random(in: 0.1...1, using: &rng))
            types.append(ServerType(name: "s\(j)", gpu: gpu(&rng, name: "g\(j)", modelBytes: modelBytes),
                                    gpusPerServer: perServer, count: count, intraLink: intra))
        }
        if types.isEmpty {
            types = [ServerType(name: "s0", gpu: gpu(&rng, name: "g0", modelBytes: modelBytes), gpusPerServer: 1, count: 2,
                                intraLink: LinkSpec(bandwidth: network.bandwidth * 4, latency: network.latency / 2))]
        }
        return Cluster(name: "random", serverTypes: types, network: network)
    }

    static func workload(_ rng: inout SeededGenerator) -> LLMWorkload {
        LLMWorkload(batch: Int.random(in: 1...16, using: &rng), promptLength: Int.random(in: 16...1024, using: &rng),
                    generateTokens: Int.random(in: 1...512, using: &rng))
    }

    /// Bytes of the model's weights and KV cache for `workload` at TP 1: a GPU gets a random
    /// fraction of this, so that memory binds in some instances and not in others.
    static func modelBytes(_ m: TransformerConfig, _ workload: LLMWorkload) -> Double {
        m.totalParameters * Double(m.dtypeBytes)
            + Double(m.layers * workload.batch * workload.maxContext) * m.kvBytesPerTokenPerLayer(tensorParallel: 1)
    }
}

/// The same figure a search optimises, from an evaluated plan.
func objectiveValue(_ plan: LLMPlan) -> Double { plan.objectiveCost }

/// True when two costs agree to 1e-9 relative.
func nearlyEqual(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
}
