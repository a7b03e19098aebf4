import Foundation

extension PlanExplanation {
    /// The most path steps listed one by one; longer paths list their first and last steps.
    static let listedSteps = 16

    /// The sections in words.
    func words(problem: SchedulingProblem, replicas: Int) -> [Section] {
        var out = [pathSection(problem, replicas: replicas), bottleneckSection()]
        if !moves.isEmpty { out.append(movesSection()) }
        out.append(gapSection())
        return out
    }

    private func pathSection(_ problem: SchedulingProblem, replicas: Int) -> Section {
        let path = criticalPath
        let names = problem.devices.map(\.name)
        let nodes = path.steps.filter { $0.kind == .node }
        let transfers = path.steps.filter { $0.kind == .transfer }
        let devices = Array(Set(nodes.map(\.device))).sorted().map { names[$0] }
        let span = objective == .throughput ? "one-sample latency" : "makespan"
        let whose = objective == .throughput ? "one sample's pass through replica \(pass)" + (replicas > 1 ? " (the slowest of \(replicas))" : "")
            : "the schedule"
        var lines = ["The critical path of \(whose) has \(nodes.count) node\(plural(nodes.count)) on \(list(devices))"
            + " and \(transfers.count) transfer\(plural(transfers.count)); its length is \(formatSeconds(path.length))"
            + (path.waiting > 1e-9 * path.makespan
                ? " of the \(formatSeconds(path.makespan)) \(span) (\(formatSeconds(path.waiting)) waiting for release or device-ready times)."
                : ", the whole \(span) (\(formatSeconds(path.makespan))): every step starts the moment the one before it ends.")]
        if objective == .latency, let d = gap.dependencyPath {
            lines.append("Its longest chain of data dependencies alone, at this placement, takes \(formatSeconds(d)); "
                + (path.makespan - d > 1e-9 * path.makespan
                    ? "waiting for busy devices adds \(formatSeconds(path.makespan - d))."
                    : "no node on it waits for a busy device."))
        }
        let shown = path.steps.count <= Self.listedSteps ? Array(path.steps.indices)
            : Array(0..<(Self.listedSteps / 2)) + Array((path.steps.count - Self.listedSteps / 2)..<path.steps.count)
        for (n, i) in shown.enumerated() {
            if n > 0, shown[n - 1] != i - 1 { lines.append("  … \(i - shown[n - 1] - 1) more steps") }
            lines.append("  " + describe(path.steps[i], problem))
        }
        return Section(title: "Critical path", lines: lines)
    }

    private func describe(_ step: CriticalPath.Step, _ problem: SchedulingProblem) -> String {
        let names = problem.devices.map(\.name)
        let when = "\(formatSeconds(step.start)) to \(formatSeconds(step.finish))"
        switch step.kind {
        case .transfer:
            let e = problem.edges[step.edge!]
            return "transfer \(problem.nodes[e.from].name) → \(problem.nodes[e.to].name), \(names[step.device]) → \(names[step.destination!]), "
                + "\(formatBytes(e.bytes)) in \(formatSeconds(step.duration)) (\(when))"
        case .node:
            let node = problem.nodes[step.node]
            let after = step.cause == .device ? ", after the node before it on \(names[step.device])" : ""
            let cost = step.duration > 0 ? "\(formatSeconds(step.duration)) (\(when))" : "no cost, at \(formatSeconds(step.start))"
            return "\(node.name) (\(node.op)) on \(names[step.device]), \(cost)\(after)"
        }
    }

    private func bottleneckSection() -> Section {
        if let limit = period {
            let r = limit.replicas[limit.limiting]
            let opening = limit.replicas.count > 1
                ? "The \(limit.replicas.count) replicas run side by side, so the effective period, \(formatSeconds(gap.seconds)), is the batch over their summed rates. "
                    + "The slowest is replica \(r.index), with period \(formatSeconds(r.period)) and bottleneck \(r.bottleneck)"
                : "The period, \(formatSeconds(r.period)), is set by the bottleneck \(r.bottleneck)"
            var lines = [opening
                + (r.bottleneck.hasPrefix("link ") ? ": \(r.stageSteps) transfer\(plural(r.stageSteps)) per sample cross it."
                    : ": its stage holds \(r.stageSteps) node\(plural(r.stageSteps)).")]
            if !r.stageOps.isEmpty {
                lines.append("Its load by op type: " + r.stageOps.prefix(5).map { "\($0.op) \(formatSeconds($0.seconds)) (\($0.count))" }
                    .joined(separator: ", ") + (r.stageOps.count > 5 ? ", …" : "") + ".")
            }
            if let other = r.runnerUp, let load = r.runnerUpLoad {
                lines.append("The next busiest resource is \(other) at \(formatSeconds(load)) per period: moving work off \(r.bottleneck) "
                    + "shortens the period by at most \(formatSeconds(r.period - load)) before \(other) limits it.")
            }
            for other in limit.replicas where limit.replicas.count > 1 {
                lines.append("  replica \(other.index): period \(formatSeconds(other.period)), bottleneck \(other.bottleneck)")
            }
            return Section(title: "Bottleneck", lines: lines)
        }
        guard let top = pathBottleneck.bottleneck else {
            return Section(title: "Bottleneck", lines: ["The critical path takes no time."]) 
        }
        let share = criticalPath.makespan > 0 ? top.seconds / criticalPath.makespan : 0
        let what = top.isLink ? "\(top.steps) transfer\(plural(top.steps)) (\(formatBytes(top.bytes)))" : "\(top.steps) node\(plural(top.steps))"
        var lines = ["The critical path spends most of its time on \(top.resource): \(formatSeconds(top.seconds)) in \(what), "
            + String(format: "%.1f%%", 100 * share) + " of the makespan; a faster \(top.isLink ? "link" : "device") there, or less work of the path on it, shortens the plan."]
        let rest = pathBottleneck.shares.dropFirst().filter { $0.seconds > 0 }
        if !rest.isEmpty {
            lines.append("The rest: " + rest.map { "\($0.resource) \(formatSeconds($0.seconds))" }.joined(separator: ", ") + ".")
        }
        if let busiest = gap.busiestDevice, let work = gap.busiestWork, criticalPath.makespan > 0 {
            lines.append("The busiest device is \(busiest), computing " + String(format: "%.1f%%", 100 * work / criticalPath.makespan) + " of the makespan.")
        }
        return Section(title: "Bottleneck", lines: lines)
    }

    private func movesSection() -> Section {
        let metric = objective == .throughput ? "period" : "makespan"
        var lines = ["The \(moves.count) longest node\(plural(moves.count)), each moved alone to every other device "
            + "(the rest of the placement and every device's order kept; simulated):"]
        for m in moves {
            let base = objective == .throughput ? (m.period ?? 0) : m.makespan
            let options = m.options.map { o -> String in
                guard let cost = o.cost else { return "not allowed on \(o.device)" }
                let value = (objective == .throughput ? o.period : o.makespan) ?? 0
                let delta = value - base
                let change = abs(delta) <= 1e-9 * max(base, 1e-12) ? "unchanged"
                    : (delta > 0 ? "+" : "−") + formatSeconds(abs(delta))
                return "on \(o.device) it takes \(formatSeconds(cost)), \(metric) \(formatSeconds(value)) (\(change))"
                    + (o.groupMoves > 0 ? " with its \(o.groupMoves) group member\(plural(o.groupMoves))" : "")
                    + (o.fitsMemory ? "" : ", and its weights do not fit there")
            }
            lines.append("  \(m.name) (\(m.op), \(formatSeconds(m.seconds)) on \(m.device)): "
                + (options.isEmpty ? "no other device is free for it (the others belong to other replicas)" : options.joined(separator: "; ")))
        }
        let better = moves.flatMap { m in m.options.compactMap { o -> String? in
            let value = (objective == .throughput ? o.period : o.makespan) ?? .infinity
            let base = objective == .throughput ? (m.period ?? 0) : m.makespan
            return value < base * (1 - 1e-9) && o.fitsMemory ? "\(m.name) → \(o.device)" : nil
        } }
        if moves.allSatisfy({ $0.options.isEmpty }) { return Section(title: "Heaviest nodes", lines: lines) }
        lines.append(better.isEmpty ? "No single move of these nodes shortens the \(metric): each sits where it helps most."
            : "Moves that shorten the \(metric) on their own: \(better.joined(separator: ", ")); the plan is not locally optimal there.")
        return Section(title: "Heaviest nodes", lines: lines)
    }

    private func gapSection() -> Section {
        let what = objective == .throughput ? "period" : "makespan"
        guard let bound = gap.bound else {
            return Section(title: "Gap", lines: ["The plan records no lower bound, so its distance to the optimum is unknown."])
        }
        var lines = ["The \(what) is \(formatSeconds(gap.seconds)); the lower bound is \(formatSeconds(bound.seconds)) (\(bound.name))"
            + (gap.gap.map { ", a gap of " + String(format: "%.1f%%", 100 * $0) } ?? "") + "."]
        if let g = gap.gap, g <= 1e-6 {
            lines.append("The plan meets its bound: no schedule is faster.")
        } else {
            if let ignores = gap.ignores { lines.append("That bound ignores \(ignores).") }
            if !gap.parts.isEmpty {
                lines.append("The \(formatSeconds(gap.seconds - bound.seconds)) between them: "
                    + gap.parts.map { "\(formatSeconds($0.seconds)) because \($0.meaning)" }.joined(separator: "; ") + ".")
            } else if let d = gap.dependencyPath, let busiest = gap.busiestDevice, let work = gap.busiestWork {
                lines.append("No order of this placement beats its longest data path, \(formatSeconds(d)); its busiest device, \(busiest), works \(formatSeconds(work)).")
            }
            lines.append("Either the plan can still improve by up to the gap, or the optimum lies that far above the bound; "
                + (BoundBlindSpots.isLoadBound(bound.name) ? "a load bound is weak when the graph's edges, not the devices, set the pace."
                    : BoundBlindSpots.isPathBound(bound.name) ? "a path bound is weak when devices are shared, not when the path is long."
                    : objective == .latency ? "`--bound-time-limit` computes a stronger bound per segment." : "a longer time limit lets the engines close it."))
        }
        lines.append("Bounds from the problem: " + gap.bounds.map { "\($0.name) \(formatSeconds($0.seconds))" }.joined(separator: ", ") + ".")
        return Section(title: "Gap", lines: lines)
    }

    /// "a, b and c".
    private func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    private func plural(_ n: Int) -> String { n == 1 ? "" : "s" }
}
