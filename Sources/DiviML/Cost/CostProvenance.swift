/// Where a (node, device) cost came from, so a plan can say which figures were measured.
public enum CostSource: String, Sendable, Hashable, Codable {
    /// From a measurement (an ORT trace or a measured table).
    case measured
    /// From a cost model (the roofline) or from the problem file as given.
    case modelled
}

extension MeasuredCosts {
    /// The source of every allowed (node, device) cost of `problem` (nil where the node may
    /// not run), by node and device name.
    /// - Complexity: O(|V|·|K|).
    public func sources(for problem: SchedulingProblem) -> [[CostSource?]] {
        problem.nodes.map { node in
            problem.devices.indices.map { k in
                guard node.cost[k] != nil else { return nil }
                return lookup(node: node.name, device: problem.devices[k].name) != nil ? .measured : .modelled
            }
        }
    }

    /// "measured 120 of 150 (node, device) costs; 30 modelled", then the measured links, for
    /// plan notes.
    public func provenanceSummary(for problem: SchedulingProblem) -> String {
        let all = sources(for: problem).flatMap { $0 }.compactMap { $0 }
        let measured = all.filter { $0 == .measured }.count
        let nodes = "measured \(measured) of \(all.count) (node, device) costs; \(all.count - measured) modelled"
        guard !links.isEmpty else { return nodes }
        return nodes + "; links measured: " + links.map { link in
            "\(link.between.0)-\(link.between.1) \(formatSeconds(link.latency)) + bytes / \(String(format: "%.3g", link.bandwidth / 1e9)) GB/s"
        }.joined(separator: ", ")
    }
}
