import ArgumentParser
import CommandSupport
import DiviML
import Foundation

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run every available solver on one model and print one table.")

    @OptionGroup var input: ModelArguments

    @OptionGroup(title: "Splitting, serving targets and memory") var splitting: SplittingArguments

    @Option(help: "latency or throughput.")
    var objective: Plan.Objective = .latency

    @Option(help: "Seed for randomized solvers.")
    var seed: UInt64 = 1

    @Option(help: "Time limit per solver that searches (the exact engines), seconds.")
    var timeLimit: Double = 10

    @Option(help: "Write an interactive HTML report here: every solver against the bound, and the best plan's timeline.")
    var report: String?

    func validate() throws {
        try asUsageError { try settings(platform: nil).check(for: .auto) }
    }

    /// The settings every row plans with.
    private func settings(platform: String?) -> PlanSettings {
        splitting.settings(objective: objective, timeLimit: timeLimit, seed: seed, batch: input.batch, platform: platform)
    }

    func run() throws {
        try reportingErrors {
            let loaded = try input.problem()
            let (problem, platform) = (try splitting.apply(to: loaded.problem), loaded.platform)
            let settings = settings(platform: platform)
            print("\(problem.name) on \(platform ?? "the problem's devices"): \(problem.nodes.count) nodes, objective \(objective.rawValue)")
            let choices = objective == .latency ? SolverChoice.latencyComparison : SolverChoice.throughputComparison
            if choices.contains(where: { !$0.isAvailable }) {
                printError("note: exact engines skipped (solver libraries not found; see `diviml doctor`)")
            }
            var table = objective == .latency
                ? TextTable("solver", "makespan", "speedup", "bound", "gap", "status", "solve time")
                : TextTable("solver", "period", "samples/s", "speedup", "bound", "gap", "bottleneck", "solve time")
            var results: [(choice: SolverChoice, outcome: Planner.Outcome?, status: String)] = []
            for choice in choices where choice.isAvailable {
                let result = try row(choice, problem, settings)
                table.add(result.cells)
                results.append((choice, result.outcome, result.status))
            }
            print(table.rendered)
            if let path = report { try writeReport(results, problem: problem, to: path) }
        }
    }

    /// The HTML report: the best plan's, with every row against the largest bound.
    private func writeReport(_ results: [(choice: SolverChoice, outcome: Planner.Outcome?, status: String)],
                             problem: SchedulingProblem, to path: String) throws {
        let value = { (p: Plan) in (p.objective == .latency ? p.makespanSeconds : p.periodSeconds) ?? .infinity }
        guard let best = results.compactMap(\.outcome).min(by: { value($0.plan) < value($1.plan) }) else {
            throw InputError.conflictingOptions("--report: no solver gave a plan to report")
        }
        let bound = results.compactMap(\.outcome).compactMap { o in o.plan.lowerBoundSeconds.map { ($0, o.plan.lowerBoundSource) } }.max { $0.0 < $1.0 }
        let rows = results.map { r in
            PlanReport.ComparisonRow(solver: r.choice.rawValue, seconds: r.outcome.map { value($0.plan) }, status: r.status,
                                     solveSeconds: r.outcome?.plan.solveSeconds,
                                     gap: r.outcome.flatMap { o in bound.map { Plan.gap(upper: value(o.plan), lower: $0.0) } })
        }
        let comparison = PlanReport.Comparison(rows: rows, bound: bound?.0, boundSource: bound?.1 ?? nil, shown: best.plan.solver)
        let markers = best.moduleMarkers.map { Timeline.Marker(time: $0.time, label: $0.label) }
        let page = try ReportPage.html(PlanReport(plan: best.plan, problem: problem, passes: best.passes, markers: markers, comparison: comparison))
        try writeOutput(Data(page.utf8), to: path)
    }

    /// One row of the table (the plan's numbers, or why the solver gave none), the outcome
    /// and its status in words.
    private func row(_ choice: SolverChoice, _ problem: SchedulingProblem, _ settings: PlanSettings) throws
        -> (cells: [String], outcome: Planner.Outcome?, status: String) {
        let blanks = [String](repeating: "-", count: objective == .latency ? 4 : 5)
        let outcome: Planner.Outcome
        do {
            outcome = try Planner.plan(problem, choice: choice, settings: settings)
        } catch let error as Planner.NoPlan {
            return ([choice.rawValue] + blanks + [error.status.word, "-"], nil, error.status.word)
        } catch let error as HeuristicDeadEnd {
            return ([choice.rawValue] + blanks + ["dead end: \(error.node)", "-"], nil, "dead end: \(error.node)")
        } catch let error as ServiceLevelUnreachable {
            return ([choice.rawValue] + blanks + ["unreachable: \(error.best)", "-"], nil, "unreachable: \(error.best)")
        } catch InputError.conflictingOptions {
            return ([choice.rawValue] + blanks + ["cannot honour the serving target", "-"], nil, "cannot honour the serving target")
        }
        let p = outcome.plan
        let common = [p.speedupOverFastestSingleDevice.map(times) ?? "-", seconds(p.lowerBoundSeconds), p.gap.map(percent) ?? "-"]
        if objective == .latency {
            return ([choice.rawValue, seconds(p.makespanSeconds)] + common + [p.status, formatSeconds(p.solveSeconds)], outcome, p.status)
        }
        let limit = outcome.isDataParallel ? "\(outcome.passes.count) replica(s)" : p.replicas?.first?.bottleneck ?? "-"
        return ([choice.rawValue, seconds(p.periodSeconds), fixed(p.throughputPerSecond ?? 0, 1)] + common + [limit, formatSeconds(p.solveSeconds)],
                outcome, p.status)
    }
}
