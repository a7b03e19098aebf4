/// A costed scheduling instance: the graph, what each node costs on each device, and
/// the links (docs/design.md §2). Every solver takes only this type.
///
/// Construction validates once, at the boundary: names unique, edges between existing
/// nodes, no cycle, costs finite and non-negative, every node allowed on some device,
/// groups placeable on a common device, weights that fit somewhere. Solvers never
/// re-check and may rely on `topologicalOrder`.
public struct SchedulingProblem: Sendable {
    /// A device as a solver sees it.
    public struct DeviceInfo: Sendable, Hashable, Codable {
        public var name: String
        public var kind: DeviceKind
        public var memoryBytes: Int64
        public init(name: String, kind: DeviceKind, memoryBytes: Int64) {
            self.name = name
            self.kind = kind
            self.memoryBytes = memoryBytes
        }
    }

    /// An operator with its cost per device (`nil`: not allowed there).
    public struct Node: Sendable, Hashable {
        public var name: String
        public var op: String
        public var cost: [Double?]
        public var paramBytes: Int64
        /// Colocation group: all nodes of a group run on one device.
        public var group: String?
        public init(name: String, op: String, cost: [Double?], paramBytes: Int64 = 0, group: String? = nil) {
            self.name = name
            self.op = op
            self.cost = cost
            self.paramBytes = paramBytes
            self.group = group
        }
    }

    /// Bytes that move from `from` to `to` when they run on different devices.
    public typealias Edge = DataEdge

    /// Where graph inputs come from and outputs go.
    public enum IOMode: String, Sendable, Codable {
        /// Inputs originate on the host and outputs must arrive there (pseudo-nodes model it).
        case host
        /// Inputs and outputs are free: no pseudo-nodes.
        case free
    }

    public let name: String
    public let devices: [DeviceInfo]
    public let host: Int
    /// Link latency, seconds, `[from][to]`.
    public let latency: [[Double]]
    /// Link bandwidth, bytes/s, `[from][to]`.
    public let bandwidth: [[Double]]
    public let nodes: [Node]
    public let edges: [Edge]
    public let io: IOMode
    /// Earliest start of each node, seconds (0 unless a caller such as the splitting
    /// heuristic fixes context from work scheduled before).
    public let release: [Double]
    /// Time from which each device is free, seconds (0 unless context says otherwise).
    public let deviceReady: [Double]

    /// A stable topological order of the nodes.
    public let topologicalOrder: [Int]
    /// Indices into `edges` of the edges entering each node.
    public let incoming: [[Int]]
    /// Indices into `edges` of the edges leaving each node.
    public let outgoing: [[Int]]
    /// Members of each colocation group, by group name.
    public let groups: [String: [Int]]

    /// Builds and validates a problem.
    /// - Parameter source: the name used in error messages (a file, a model name).
    /// - Throws: `InputError` naming the offending node, device or file.
    /// - Complexity: O(|V|·|K| + |E| log |V|).
    public init(
        name: String, devices: [DeviceInfo], host: Int, latency: [[Double]], bandwidth: [[Double]],
        nodes: [Node], edges: [Edge], io: IOMode, release: [Double]? = nil, deviceReady: [Double]? = nil,
        source: String = "problem"
    ) throws {
        self.release = release ?? [Double](repeating: 0, count: nodes.count)
        self.deviceReady = deviceReady ?? [Double](repeating: 0, count: devices.count)
        self.name = name
        self.devices = devices
        self.host = host
        self.latency = latency
        self.bandwidth = bandwidth
        self.nodes = nodes
        self.edges = edges
        self.io = io
        var incoming = [[Int]](repeating: [], count: nodes.count)
        var outgoing = [[Int]](repeating: [], count: nodes.count)
        for (i, e) in edges.enumerated() {
            guard nodes.indices.contains(e.from), nodes.indices.contains(e.to), e.from != e.to else {
                throw InputError.malformed(file: source, path: "edges[\(i)]", expected: "an edge between two different existing nodes")
            }
            incoming[e.to].append(i)
            outgoing[e.from].append(i)
        }
        self.incoming = incoming
        self.outgoing = outgoing
        var groups: [String: [Int]] = [:]
        for (v, node) in nodes.enumerated() { if let g = node.group { groups[g, default: []].append(v) } }
        self.groups = groups
        let successors = outgoing.map { $0.map { edges[$0].to } }
        switch DAG.topologicalOrder(successors: successors) {
        case let .success(order): topologicalOrder = order
        case let .failure(cycle): throw InputError.cycle(nodes: cycle.nodes.map { nodes[$0].name })
        }
        try validate(source: source)
    }

    /// Number of devices, K.
    @inlinable public var deviceCount: Int { devices.count }

    /// Whether node `v` may run on device `k`.
    @inlinable public func isAllowed(_ v: Int, on k: Int) -> Bool { nodes[v].cost[k] != nil }

    /// Devices node `v` may run on, in index order.
    public func allowedDevices(_ v: Int) -> [Int] { devices.indices.filter { nodes[v].cost[$0] != nil } }

    /// Cost of `v` on `k`; the caller guarantees `v` is allowed on `k`.
    @inlinable public func cost(_ v: Int, on k: Int) -> Double { nodes[v].cost[k]! }

    /// The cheapest cost of `v` over its allowed devices.
    public func cheapestCost(_ v: Int) -> Double { nodes[v].cost.compactMap { $0 }.min()! }

    /// Seconds to move `bytes` from device `a` to device `b` (0 when a == b).
    @inlinable
    public func transferTime(bytes: Int64, from a: Int, to b: Int) -> Double {
        a == b ? 0 : latency[a][b] + Double(bytes) / bandwidth[a][b]
    }

    /// Seconds to move edge `e`'s tensor from `a` to `b`.
    @inlinable
    public func transferTime(edge e: Int, from a: Int, to b: Int) -> Double {
        transferTime(bytes: edges[e].bytes, from: a, to: b)
    }

    /// Predecessor node indices of `v`.
    public func predecessors(_ v: Int) -> [Int] { incoming[v].map { edges[$0].from } }

    /// Successor node indices of `v`.
    public func successors(_ v: Int) -> [Int] { outgoing[v].map { edges[$0].to } }

    /// Successor lists of all nodes, for the `DAG` utilities.
    public var successorLists: [[Int]] { outgoing.map { $0.map { edges[$0].to } } }

    /// Index of the node named `name`.
    public func nodeIndex(_ name: String) -> Int? { nodes.firstIndex { $0.name == name } }
}
