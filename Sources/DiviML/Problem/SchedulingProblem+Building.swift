/// Placement constraints a user adds on top of the costs.
public struct NodeConstraints: Sendable, Hashable {
    /// Devices (by name) each node (by name) may not use.
    public var disallowed: [String: Set<String>]
    /// Colocation group (by name) of each node (by name).
    public var groups: [String: String]

    public init(disallowed: [String: Set<String>] = [:], groups: [String: String] = [:]) {
        self.disallowed = disallowed
        self.groups = groups
    }
}

extension SchedulingProblem {
    /// Costs `graph` on `platform` and adds host I/O pseudo-nodes when `io == .host`.
    ///
    /// Each graph input becomes a node `input:NAME` allowed only on the host, with an edge
    /// of the input's bytes to every consumer; each output becomes `output:NAME` fed by its
    /// producers. Host nodes cost 0.
    /// - Throws: `InputError` when the graph has a cycle, a node can run nowhere, or
    ///   weights cannot fit.
    /// - Complexity: O(|V|·|K| + |E| log |V|).
    public init(
        graph: OpGraph, platform: Platform, costModel: any CostModel = RooflineCostModel(),
        io: IOMode = .host, constraints: NodeConstraints = NodeConstraints()
    ) throws {
        let devices = platform.devices.map { DeviceInfo(name: $0.name, kind: $0.kind, memoryBytes: $0.memoryBytes) }
        var nodes: [Node] = graph.nodes.enumerated().map { i, op in
            let banned = constraints.disallowed[op.name] ?? []
            let cost = platform.devices.enumerated().map { k, d in
                banned.contains(d.name) ? nil : costModel.cost(of: op, index: i, on: d, deviceIndex: k)
            }
            return Node(name: op.name, op: op.type, cost: cost, paramBytes: op.paramBytes, group: constraints.groups[op.name])
        }
        var edges = graph.edges
        if io == .host {
            let hostOnly: [Double?] = platform.devices.indices.map { $0 == platform.host ? 0 : nil }
            for input in graph.inputs {
                nodes.append(Node(name: "input:\(input.name)", op: HostIO.inputOp, cost: hostOnly))
                edges += input.nodes.map { Edge(from: nodes.count - 1, to: $0, bytes: input.bytes) }
            }
            for output in graph.outputs {
                nodes.append(Node(name: "output:\(output.name)", op: HostIO.outputOp, cost: hostOnly))
                edges += output.nodes.map { Edge(from: $0, to: nodes.count - 1, bytes: output.bytes) }
            }
        }
        try self.init(name: graph.name, devices: devices, host: platform.host, latency: platform.latency,
                      bandwidth: platform.bandwidth, nodes: nodes, edges: edges, io: io, source: graph.name)
    }

    /// A copy with every device's memory multiplied by `factor`.
    public func scalingMemory(by factor: Double) throws -> SchedulingProblem {
        let scaled = devices.map { DeviceInfo(name: $0.name, kind: $0.kind, memoryBytes: Int64(Double($0.memoryBytes) * factor)) }
        return try replacing(devices: scaled)
    }
}

extension OpGraph {
    /// `copies` independent copies of the graph (micro-batches), node `x` of copy `i`
    /// named `mb<i>/x`, inputs and outputs likewise. The scheduler then finds data
    /// parallelism and pipelining across the copies by itself (docs/design.md §2, batches).
    /// - Complexity: O(copies · (|V| + |E|)).
    public func replicated(copies: Int) -> OpGraph {
        guard copies > 1 else { return self }
        var result = OpGraph(name: "\(name) x\(copies)")
        let n = nodes.count
        for c in 0..<copies {
            let prefix = "mb\(c)/"
            result.nodes += nodes.map { var op = $0; op.name = prefix + op.name; return op }
            result.edges += edges.map { Edge(from: $0.from + c * n, to: $0.to + c * n, bytes: $0.bytes) }
            result.inputs += inputs.map { Boundary(name: prefix + $0.name, bytes: $0.bytes, nodes: $0.nodes.map { $0 + c * n }) }
            result.outputs += outputs.map { Boundary(name: prefix + $0.name, bytes: $0.bytes, nodes: $0.nodes.map { $0 + c * n }) }
        }
        return result
    }
}
