/// Scores a plan from its stage specs alone; the reduced search, the brute force and the
/// baselines all report through this one function, as the DAG solvers report through the
/// simulator.
extension LLMCostModel {
    /// Predicted performance of one pipeline whose stages run in the order given.
    /// - Throws: `LLMPlanError.stageOutOfMemory` for the first stage that does not fit,
    ///   naming it and the shortfall.
    /// - Complexity: O(S), S stages.
    public func evaluate(pipeline specs: [StageSpec]) throws -> LLMReplica {
        precondition(!specs.isEmpty, "a pipeline has at least one stage")
        let b = Double(workload.batch), beta = b / Double(specs.count)
        var stages: [LLMStage] = []
        var layer = 0
        for (i, s) in specs.enumerated() {
            let first = i == 0, last = i == specs.count - 1
            let memory = stageMemory(type: s.serverType, t: s.tensorParallel, layers: s.layers, first: first, last: last)
            let name = cluster.serverName(type: s.serverType, index: s.server)
            guard memory.fits else {
                throw LLMPlanError.stageOutOfMemory(stage: i, server: name, tensorParallel: s.tensorParallel,
                                                    firstLayer: layer, lastLayer: layer + s.layers - 1,
                                                    neededBytes: memory.used, capacityBytes: memory.capacity)
            }
            stages.append(LLMStage(
                spec: s, serverName: name, gpuName: cluster.serverTypes[s.serverType].gpu.name,
                firstLayer: layer, lastLayer: layer + s.layers - 1, memory: memory,
                prefillSeconds: stageTime(.prefill, s, first: first, last: last, sequences: b),
                decodeSeconds: stageTime(.decode, s, first: first, last: last, sequences: b),
                microBatchSeconds: stageTime(.decode, s, first: first, last: last, sequences: beta)))
            layer += s.layers
        }
        return replica(stages, beta: beta)
    }

    /// Time of one step of stage `s` over `sequences` sequences: its layers, plus the
    /// embedding when first and the head when last.
    func stageTime(_ phase: Phase, _ s: StageSpec, first: Bool, last: Bool, sequences: Double) -> Double {
        let t = s.tensorParallel, type = s.serverType
        var time = Double(s.layers) * layerTime(phase, type: type, t: t, sequences: sequences)
        if first { time += embeddingTime(phase, type: type, t: t, sequences: sequences) }
        if last { time += headTime(type: type, t: t, sequences: sequences) }
        return time
    }

    /// The server type two consecutive stages share, or nil when they are on different servers.
    func sharedServer(_ a: StageSpec, _ b: StageSpec) -> Int? {
        a.serverType == b.serverType && a.server == b.server ? a.serverType : nil
    }

    private func replica(_ stages: [LLMStage], beta: Double) -> LLMReplica {
        let b = Double(workload.batch)
        var prefill = stages.reduce(0) { $0 + $1.prefillSeconds }
        var decode = stages.reduce(0) { $0 + $1.decodeSeconds }
        var period = 0.0, bottleneck = ""
        for (i, s) in stages.enumerated() where s.microBatchSeconds > period {
            period = s.microBatchSeconds
            bottleneck = "stage \(i) (\(s.serverName), TP \(s.spec.tensorParallel), \(s.spec.layers) layers)"
        }
        for i in stages.indices.dropLast() {
            let shared = sharedServer(stages[i].spec, stages[i + 1].spec)
            prefill += handoffTime(.prefill, sameServer: shared, sequences: b)
            decode += handoffTime(.decode, sameServer: shared, sequences: b)
            let hop = handoffTime(.decode, sameServer: shared, sequences: beta)
            if hop > period {
                period = hop
                bottleneck = "hand-off \(i)->\(i + 1) over the " + (shared == nil ? "network" : "\(stages[i].serverName) link")
            }
        }
        return LLMReplica(stages: stages, prefillSeconds: prefill, perTokenSeconds: decode,
                          periodSeconds: period, tokensPerSecond: beta / period, bottleneck: bottleneck)
    }

    /// Places that the replicas of a plan break the cluster's rules: unknown servers, TP
    /// degrees the model cannot split by, more GPUs used on a server than it has, layer
    /// counts that do not add up to the model. Empty when the plan is valid.
    public func violations(of specs: [[StageSpec]]) -> [String] {
        var problems: [String] = []
        var used: [[Int]: Int] = [:]
        for (r, pipeline) in specs.enumerated() {
            let total = pipeline.reduce(0) { $0 + $1.layers }
            if total != model.layers { problems.append("replica \(r) holds \(total) layers, the model has \(model.layers)") }
            for (i, s) in pipeline.enumerated() {
                guard cluster.serverTypes.indices.contains(s.serverType), s.server >= 0,
                      s.server < cluster.serverTypes[s.serverType].count else {
                    problems.append("replica \(r) stage \(i) names a server the cluster lacks")
                    continue
                }
                if s.layers < 1 { problems.append("replica \(r) stage \(i) holds no layer") }
                if !model.allowsTensorParallel(s.tensorParallel) {
                    problems.append("replica \(r) stage \(i): TP \(s.tensorParallel) does not split \(model.attentionHeads) heads / \(model.kvHeads) KV heads")
                }
                used[[s.serverType, s.server], default: 0] += s.tensorParallel
            }
        }
        for (key, count) in used.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) })
        where count > cluster.serverTypes[key[0]].gpusPerServer {
            problems.append("server \(cluster.serverName(type: key[0], index: key[1])) is given \(count) GPUs, it has \(cluster.serverTypes[key[0]].gpusPerServer)")
        }
        return problems
    }
}
