import CommandSupport
import DiviML

/// The short human summary `schedule` prints.
enum PlanSummary {
    /// The summary of an outcome: latency, one pipeline, or replicas.
    static func text(_ outcome: Planner.Outcome, problem: SchedulingProblem) -> String {
        switch outcome.plan.objective {
        case .latency: latency(outcome.plan, problem: problem, schedule: outcome.schedule)
        case .throughput where outcome.isDataParallel:
            replicated(outcome.plan, problem: problem, passes: outcome.passes)
        case .throughput: throughput(outcome.plan, problem: problem, placement: outcome.schedule.device)
        }
    }

    static func header(_ plan: Plan, problem: SchedulingProblem) -> [String] {
        ["\(plan.model) on \(plan.platform ?? "the problem's devices"): \(problem.nodes.count) nodes, \(problem.edges.count) edges, objective \(plan.objective.rawValue)",
         "solver \(plan.solver) (\(plan.status)) in \(formatSeconds(plan.solveSeconds))"]
            + (plan.notes ?? []).map { "  note: \($0)" }
    }

    static func latency(_ plan: Plan, problem: SchedulingProblem, schedule: Schedule) -> String {
        var lines = header(plan, problem: problem)
        lines.append("makespan \(formatSeconds(schedule.makespan))"
            + (plan.lowerBoundSeconds.map { "   lower bound \(formatSeconds($0))\(source(plan)), gap \(percent(plan.gap ?? 0))" } ?? ""))
        if let device = plan.fastestSingleDevice, let speedup = plan.speedupOverFastestSingleDevice {
            lines.append("fastest single device: \(device) at \(formatSeconds(schedule.makespan * speedup)); speedup \(times(speedup))")
        }
        var table = TextTable("device", "busy", "nodes", "weights")
        let busy = problem.busyShare(of: schedule)
        let memory = Validator.memoryUse(placement: schedule.device, problem: problem)
        for k in problem.devices.indices {
            table.add(problem.devices[k].name, percent(busy[k]), "\(schedule.device.filter { $0 == k }.count)", formatBytes(memory[k]))
        }
        lines.append(table.rendered)
        let transfers = problem.transfers(of: schedule)
        let bytes = transfers.reduce(Int64(0)) { $0 + problem.edges[$1.edge].bytes }
        lines.append("transfers: \(transfers.count) (\(formatBytes(bytes)))")
        return lines.joined(separator: "\n")
    }

    static func throughput(_ plan: Plan, problem: SchedulingProblem, placement: [Int]) -> String {
        var lines = header(plan, problem: problem)
        let load = PipelineLoad(problem: problem, placement: placement)
        let names = problem.devices.map(\.name)
        lines.append("period \(formatSeconds(load.period)), throughput \(fixed(plan.throughputPerSecond ?? 0, 1)) samples/s"
            + (plan.lowerBoundSeconds.map { "   period bound \(formatSeconds($0))\(source(plan)), gap \(percent(plan.gap ?? 0))" } ?? ""))
        lines.append("bottleneck: \(load.bottleneck.describe(names))")
        if let device = plan.fastestSingleDevice, let speedup = plan.speedupOverFastestSingleDevice {
            lines.append("fastest single device: \(device); speedup \(times(speedup))")
        }
        var table = TextTable("device", "load", "share of period", "nodes")
        for k in problem.devices.indices {
            table.add(names[k], formatSeconds(load.deviceLoad[k]), percent(load.period > 0 ? load.deviceLoad[k] / load.period : 0),
                      "\(placement.filter { $0 == k }.count)")
        }
        lines.append(table.rendered)
        return lines.joined(separator: "\n")
    }

    /// The throughput summary of a plan with replicas: the total, then one line per replica.
    static func replicated(_ plan: Plan, problem: SchedulingProblem, passes: [Schedule]) -> String {
        var lines = header(plan, problem: problem)
        lines.append("throughput \(fixed(plan.throughputPerSecond ?? 0, 1)) samples/s (effective period \(seconds(plan.periodSeconds)))"
            + (plan.lowerBoundSeconds.map { "   period bound \(formatSeconds($0))\(source(plan)), gap \(percent(plan.gap ?? 0))" } ?? ""))
        if let device = plan.fastestSingleDevice, let speedup = plan.speedupOverFastestSingleDevice {
            lines.append("fastest single device: \(device); speedup \(times(speedup))")
        }
        var table = TextTable("replica", "devices", "period", "bottleneck", "one-sample latency")
        for (r, entry) in (plan.replicas ?? []).enumerated() {
            table.add("\(r)", entry.devices.joined(separator: ", "), formatSeconds(entry.periodSeconds), entry.bottleneck,
                      formatSeconds(passes[r].makespan))
        }
        lines.append(table.rendered)
        return lines.joined(separator: "\n")
    }

    /// " (fluid load)": which bound binds, when the plan says.
    /// Which bound binds, and what computing the bounds took: " (segments, 12 ms)".
    private static func source(_ plan: Plan) -> String {
        guard let name = plan.lowerBoundSource else { return "" }
        return " (\(name)" + (plan.lowerBoundComputeSeconds.map { ", \(formatSeconds($0))" } ?? "") + ")"
    }
}
