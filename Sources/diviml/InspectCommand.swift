import ArgumentParser
import CommandSupport
import DiviML

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Describe a model: size, work, op types, split points, widest level.")

    @OptionGroup var input: ModelArguments

    func run() throws {
        try reportingErrors {
            if input.platform == nil, let graph = try input.graph() {
                print(describe(graph: graph))
                return
            }
            let loaded = try input.problem()
            print(describe(problem: loaded.problem, platform: loaded.platform))
        }
    }

    private func describe(graph: OpGraph) -> String {
        let summary = ModelSummary(graph)
        let (_, succ) = graph.adjacency()
        let order = (try? DAG.topologicalOrder(successors: succ).get()) ?? []
        var lines = ["\(graph.name): \(summary.nodes) nodes, \(summary.edges) edges, \(fixed(summary.flops / 1e9)) GFLOPs, "
            + "\(formatBytes(summary.paramBytes)) of weights"]
        lines += structure(successors: succ, order: order, name: { graph.nodes[$0].name })
        lines.append(opTable(graph.nodes.map { ($0.type, OperatorWork.of($0).flops) }))
        return lines.joined(separator: "\n")
    }

    private func describe(problem: SchedulingProblem, platform: String?) -> String {
        var lines = ["\(problem.name) on \(platform ?? "its own devices"): \(problem.nodes.count) nodes, \(problem.edges.count) edges, "
            + "\(formatBytes(problem.nodes.reduce(0) { $0 + $1.paramBytes })) of weights"]
        lines += structure(successors: problem.successorLists, order: problem.topologicalOrder, name: { problem.nodes[$0].name })
        var table = TextTable("device", "kind", "memory", "total cost alone")
        for (k, d) in problem.devices.enumerated() {
            let allowed = problem.nodes.indices.allSatisfy { problem.isAllowed($0, on: k) || problem.allowedDevices($0) == [problem.host] }
            let total = problem.nodes.indices.reduce(0.0) { $0 + (problem.nodes[$1].cost[k] ?? 0) }
            table.add(d.name, d.kind.rawValue, formatBytes(d.memoryBytes), allowed ? formatSeconds(total) : "not all nodes allowed")
        }
        lines.append(table.rendered)
        return lines.joined(separator: "\n")
    }

    private func structure(successors: [[Int]], order: [Int], name: (Int) -> String) -> [String] {
        let splits = splitPoints(successors: successors, order: order)
        let widest = widestLevel(successors: successors, order: order)
        let shown = splits.prefix(8).map(name).joined(separator: ", ") + (splits.count > 8 ? ", …" : "")
        return ["split points: \(splits.count)" + (splits.isEmpty ? "" : " (\(shown))"),
                "widest level: \(widest.width) nodes at depth \(widest.level)"]
    }

    private func opTable(_ ops: [(type: String, flops: Double)]) -> String {
        var count: [String: Int] = [:], flops: [String: Double] = [:]
        for op in ops {
            count[op.type, default: 0] += 1
            flops[op.type, default: 0] += op.flops
        }
        var table = TextTable("op type", "count", "GFLOPs")
        for type in count.keys.sorted(by: { (flops[$0]!, $1) > (flops[$1]!, $0) }) {
            table.add(type, "\(count[type]!)", fixed(flops[type]! / 1e9, 3))
        }
        return table.rendered
    }
}
