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
            for choice in choices where choice.isAvailable {
                table.add(try row(choice, problem, settings))
            }
            print(table.rendered)
        }
    }

    /// One row of the table: the plan's numbers, or why the solver gave none.
    private func row(_ choice: SolverChoice, _ problem: SchedulingProblem, _ settings: PlanSettings) throws -> [String] {
        let blanks = [String](repeating: "-", count: objective == .latency ? 4 : 5)
        let outcome: Planner.Outcome
        do {
            outcome = try Planner.plan(problem, choice: choice, settings: settings)
        } catch let error as Planner.NoPlan {
            return [choice.rawValue] + blanks + [error.status.word, "-"]
        } catch let error as HeuristicDeadEnd {
            return [choice.rawValue] + blanks + ["dead end: \(error.node)", "-"]
        } catch let error as ServiceLevelUnreachable {
            return [choice.rawValue] + blanks + ["unreachable: \(error.best)", "-"]
        } catch InputError.conflictingOptions {
            return [choice.rawValue] + blanks + ["cannot honour the serving target", "-"]
        }
        let p = outcome.plan
        let common = [p.speedupOverFastestSingleDevice.map(times) ?? "-", seconds(p.lowerBoundSeconds), p.gap.map(percent) ?? "-"]
        if objective == .latency {
            return [choice.rawValue, seconds(p.makespanSeconds)] + common + [p.status, formatSeconds(p.solveSeconds)]
        }
        let limit = outcome.isDataParallel ? "\(outcome.passes.count) replica(s)" : p.replicas?.first?.bottleneck ?? "-"
        return [choice.rawValue, seconds(p.periodSeconds), fixed(p.throughputPerSecond ?? 0, 1)] + common + [limit, formatSeconds(p.solveSeconds)]
    }
}
