/// One pipeline stage as the planner decides it: which server, how many of its GPUs (the
/// tensor-parallel degree), and how many consecutive layers.
public struct StageSpec: Sendable, Hashable, Codable {
    /// Index into `Cluster.serverTypes`.
    public var serverType: Int
    /// Which server of that type (0-based).
    public var server: Int
    public var tensorParallel: Int
    public var layers: Int

    public init(serverType: Int, server: Int, tensorParallel: Int, layers: Int) {
        self.serverType = serverType
        self.server = server
        self.tensorParallel = tensorParallel
        self.layers = layers
    }
}

/// A stage with everything the cost model says of it.
public struct LLMStage: Sendable, Hashable, Codable {
    public var spec: StageSpec
    public var serverName: String
    public var gpuName: String
    /// First and last decoder layer held (0-based, inclusive).
    public var firstLayer: Int
    public var lastLayer: Int
    public var memory: StageMemory
    /// Time of the stage's prefill of the whole batch (layers, embedding/head where held).
    public var prefillSeconds: Double
    /// Time of one decode step of the whole batch.
    public var decodeSeconds: Double
    /// Time of one decode step of one micro-batch (batch / stages) in the pipelined mode.
    public var microBatchSeconds: Double
}

/// One pipeline (one serving-engine instance) and its predicted performance.
public struct LLMReplica: Sendable, Hashable, Codable {
    public var stages: [LLMStage]
    /// Prompt processing of the whole batch through every stage and hand-off.
    public var prefillSeconds: Double
    /// One decode step of the whole batch through every stage and hand-off.
    public var perTokenSeconds: Double
    /// Pipelined decode: the slowest stage or hand-off with `stages.count` micro-batches in flight.
    public var periodSeconds: Double
    /// Decode tokens/s in the pipelined mode: (batch / stages) / period.
    public var tokensPerSecond: Double
    /// What sets the period: a stage or a hand-off, in words.
    public var bottleneck: String
}

/// Counts that say how much the symmetry saved.
public struct LLMSearchStats: Sendable, Hashable, Codable {
    /// Labelled plans in the full space (every GPU and server distinct), as a real number.
    public var fullSpace: Double
    /// Canonical candidates the reduced search scored.
    public var reducedSpace: Double
    public var solveSeconds: Double
    public var method: String

    package init(fullSpace: Double, reducedSpace: Double, solveSeconds: Double, method: String) {
        self.fullSpace = fullSpace
        self.reducedSpace = reducedSpace
        self.solveSeconds = solveSeconds
        self.method = method
    }
}

/// A complete serving plan: replicas (one for latency and prefill), each a pipeline.
public struct LLMPlan: Sendable, Hashable, Codable {
    public var model: TransformerConfig
    public var clusterName: String
    public var workload: LLMWorkload
    public var objective: LLMObjective
    public var replicas: [LLMReplica]
    public var stats: LLMSearchStats?

    package init(model: TransformerConfig, clusterName: String, workload: LLMWorkload, objective: LLMObjective,
                 replicas: [LLMReplica], stats: LLMSearchStats?) {
        self.model = model
        self.clusterName = clusterName
        self.workload = workload
        self.objective = objective
        self.replicas = replicas
        self.stats = stats
    }

    /// Prefill latency of the first replica.
    public var prefillSeconds: Double { replicas.first?.prefillSeconds ?? .infinity }
    /// Per-token decode latency of the first replica.
    public var perTokenSeconds: Double { replicas.first?.perTokenSeconds ?? .infinity }
    /// Decode tokens/s summed over replicas (pipelined mode).
    public var tokensPerSecond: Double { replicas.reduce(0) { $0 + $1.tokensPerSecond } }

    /// The figure `objective` optimises, as a cost (lower is better; throughput negated).
    public var objectiveCost: Double {
        switch objective {
        case .latency: return perTokenSeconds
        case .prefill: return prefillSeconds
        case .throughput: return -tokensPerSecond
        }
    }
}
