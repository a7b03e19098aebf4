/// One kind of GPU, with what the LLM cost model needs: memory, peak dense FLOP/s per element
/// type, HBM bandwidth, and the fractions of those peaks that real kernels reach.
public struct GPUSpec: Sendable, Hashable {
    public var name: String
    public var memoryBytes: Double
    /// Dense (no structured sparsity) peak FLOP/s by element type (`fp16`, `bf16`, `fp32`).
    public var peakFlops: [String: Double]
    /// Peak memory bandwidth, bytes/s.
    public var memoryBandwidth: Double
    /// Fraction of peak FLOP/s that large GEMMs reach.
    public var computeEfficiency: Double
    /// Fraction of peak bandwidth that weight and KV-cache streaming reaches.
    public var memoryEfficiency: Double
    public var source: String

    public init(name: String, memoryBytes: Double, peakFlops: [String: Double], memoryBandwidth: Double,
                computeEfficiency: Double = 0.6, memoryEfficiency: Double = 0.8, source: String = "") {
        self.name = name
        self.memoryBytes = memoryBytes
        self.peakFlops = peakFlops
        self.memoryBandwidth = memoryBandwidth
        self.computeEfficiency = computeEfficiency
        self.memoryEfficiency = memoryEfficiency
        self.source = source
    }

    /// Sustained FLOP/s for `dtype`, or nil when the GPU lists no figure for it.
    public func sustainedFlops(_ dtype: String) -> Double? {
        peakFlops[dtype].map { $0 * computeEfficiency }
    }

    /// Sustained memory bandwidth, bytes/s.
    public var sustainedBandwidth: Double { memoryBandwidth * memoryEfficiency }
}

/// A point-to-point or collective link: a fixed latency per message plus bytes over bandwidth.
public struct LinkSpec: Sendable, Hashable {
    /// Bytes/s in one direction.
    public var bandwidth: Double
    /// Seconds per message.
    public var latency: Double
    public var source: String

    public init(bandwidth: Double, latency: Double, source: String = "") {
        self.bandwidth = bandwidth
        self.latency = latency
        self.source = source
    }

    /// Time to move `bytes` over this link: latency + bytes / bandwidth.
    public func time(bytes: Double) -> Double { latency + bytes / bandwidth }
}

/// A group of identical servers: `count` machines, each with `gpusPerServer` GPUs of one
/// kind joined by `intraLink` (NVLink or PCIe). The planner treats the servers of one type
/// as interchangeable, and the GPUs inside a server too.
public struct ServerType: Sendable, Hashable {
    public var name: String
    public var gpu: GPUSpec
    public var gpusPerServer: Int
    public var count: Int
    /// The link tensor-parallel collectives and same-server stage hand-offs use.
    public var intraLink: LinkSpec

    public init(name: String, gpu: GPUSpec, gpusPerServer: Int, count: Int, intraLink: LinkSpec) {
        self.name = name
        self.gpu = gpu
        self.gpusPerServer = gpusPerServer
        self.count = count
        self.intraLink = intraLink
    }
}

/// Several servers, possibly of different kinds, joined by one network.
///
/// Invariant (checked by the loader): every intra-server link is at least as fast as the
/// network (bandwidth no lower, latency no higher), which the symmetry argument relies on.
public struct Cluster: Sendable, Hashable {
    public var name: String
    public var summary: String
    public var serverTypes: [ServerType]
    /// The inter-server network (per-server NIC bandwidth, one direction).
    public var network: LinkSpec
    /// Fraction of every GPU's memory kept free for the framework, CUDA context and
    /// fragmentation (vLLM's default `gpu_memory_utilization` 0.9 keeps 0.1).
    public var memoryReserve: Double

    public init(name: String, summary: String = "", serverTypes: [ServerType], network: LinkSpec,
                memoryReserve: Double = 0.1) {
        self.name = name
        self.summary = summary
        self.serverTypes = serverTypes
        self.network = network
        self.memoryReserve = memoryReserve
    }

    /// Total GPUs over all servers.
    public var gpuCount: Int { serverTypes.reduce(0) { $0 + $1.gpusPerServer * $1.count } }

    /// Total servers.
    public var serverCount: Int { serverTypes.reduce(0) { $0 + $1.count } }

    /// Display name of server `index` (0-based) of type `type`, e.g. `a100-node#1`.
    public func serverName(type: Int, index: Int) -> String {
        serverTypes[type].count == 1 ? serverTypes[type].name : "\(serverTypes[type].name)#\(index)"
    }

    /// The cluster restricted to the server types in `types` (used by the homogeneous baseline).
    public func restricted(to types: [Int]) -> Cluster {
        var copy = self
        copy.serverTypes = types.map { serverTypes[$0] }
        return copy
    }
}
