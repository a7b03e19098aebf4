/// Measured costs gathered from one ORT trace per device, with what did not match.
public struct ProfileMeasurements: Sendable {
    public var costs: MeasuredCosts
    /// Per device name: graph nodes the trace did not measure (they keep the model's cost).
    public var unmeasured: [String: [String]]
    /// Per device name: trace nodes that are not nodes of the graph (ignored).
    public var unmatched: [String: [String]]
    /// Per device name and graph node: the trace entries ONNX Runtime ran it as, when it
    /// split the node into several kernels (`ORTProfile.decomposedEntries`); the node's
    /// time is their sum.
    public var decomposed: [String: [String: [String]]]

    /// Maps each trace's nodes to `graph`'s nodes by name, and the entries of nodes ONNX
    /// Runtime split into several kernels by execution order (`ORTProfile.decomposedEntries`).
    /// - Parameter traces: (device name, trace path) pairs, one per device.
    /// - Throws: `InputError` for an unreadable trace, a device not on the platform, or a
    ///   trace none of whose nodes is a node of `graph` (`unmatchedProfile`).
    /// - Complexity: O(events + |V|·traces).
    public init(traces: [(device: String, path: String)], graph: OpGraph, platform: Platform, warmupRuns: Int = 1) throws {
        var table: [String: [String: Double]] = [:]
        unmeasured = [:]
        unmatched = [:]
        decomposed = [:]
        let names = Set(graph.nodes.map(\.name))
        for (device, path) in traces {
            guard platform.deviceIndex(device) != nil else {
                throw InputError.unknownName(kind: "device", name: device, known: platform.devices.map(\.name))
            }
            let profile = try ORTProfile.load(path: path, warmupRuns: warmupRuns)
            let matched = profile.seconds.filter { names.contains($0.key) }
            guard !matched.isEmpty else {
                throw InputError.unmatchedProfile(file: path, model: graph.name, profiled: profile.seconds.keys.sorted(),
                                                  nodes: graph.nodes.map(\.name))
            }
            for (node, s) in matched { table[node, default: [:]][device] = s }
            let parts = profile.decomposedEntries(of: graph)
            for (node, entries) in parts { table[node, default: [:]][device] = entries.reduce(0) { $0 + profile.seconds[$1]! } }
            let attributed = Set(parts.values.joined())
            decomposed[device] = parts
            unmeasured[device] = graph.nodes.map(\.name).filter { profile.seconds[$0] == nil && parts[$0] == nil }
            unmatched[device] = profile.seconds.keys.filter { !names.contains($0) && !attributed.contains($0) }.sorted()
        }
        costs = MeasuredCosts(table)
    }

    /// One line per device that has decomposed, unmeasured or unmatched nodes, naming up
    /// to 8 of each.
    public var report: [String] {
        func list(_ names: [String]) -> String { names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", …" : "") }
        var lines: [String] = []
        for device in Set(unmeasured.keys).union(unmatched.keys).union(decomposed.keys).sorted() {
            if let parts = decomposed[device], !parts.isEmpty {
                let named = parts.keys.sorted().map { "\($0) (\(parts[$0]!.joined(separator: " + ")))" }
                lines.append("\(device): \(parts.count) node(s) ran as several ONNX Runtime kernels, measured as their sum: \(list(named))")
            }
            if let missing = unmeasured[device], !missing.isEmpty {
                lines.append("\(device): \(missing.count) node(s) have no measurement and keep the modelled cost: \(list(missing))")
            }
            if let extra = unmatched[device], !extra.isEmpty {
                lines.append("\(device): \(extra.count) profiled node(s) are not in the graph and were ignored: \(list(extra))")
            }
        }
        return lines
    }
}
