import ArgumentParser
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

    func run() throws {
        try reportingErrors {
            let loaded = try input.problem()
            let (problem, platform) = (try splitting.apply(to: loaded.problem), loaded.platform)
            let options = SolveOptions(timeLimit: timeLimit, seed: seed)
            print("\(problem.name) on \(platform ?? "the problem's devices"): \(problem.nodes.count) nodes, objective \(objective.rawValue)")
            print(try objective == .latency ? latencyTable(problem, platform, options) : throughputTable(problem, platform, options))
        }
    }

    /// The names whose engines can run here: the exact ones only when their libraries load.
    private func availableNames(_ names: [String]) -> [String] {
        let exact = SolverCatalog.exactEnginesAvailable
        if !exact { printError("note: exact engines skipped (solver libraries not found; see `diviml doctor`)") }
        return names.filter { exact || !SolverCatalog.exactNames.contains($0) }
    }

    private func latencyTable(_ problem: SchedulingProblem, _ platform: String?, _ options: SolveOptions) throws -> String {
        var table = TextTable("solver", "makespan", "speedup", "bound", "gap", "status", "solve time")
        for name in availableNames(SolverCatalog.latencyNames) {
            do {
                let made = try Planner.latency(problem, solver: try splitting.latencySolver(name, batch: input.batch), options: options, platform: platform)
                let p = made.plan
                table.add(name, seconds(p.makespanSeconds), p.speedupOverFastestSingleDevice.map(times) ?? "-",
                          seconds(p.lowerBoundSeconds), p.gap.map(percent) ?? "-", p.status, formatSeconds(p.solveSeconds))
            } catch let error as Planner.NoPlan {
                table.add(name, "-", "-", "-", "-", error.status.word, "-")
            } catch let error as HeuristicDeadEnd {
                table.add(name, "-", "-", "-", "-", "dead end: \(error.node)", "-")
            }
        }
        return table.rendered
    }

    private func throughputTable(_ problem: SchedulingProblem, _ platform: String?, _ options: SolveOptions) throws -> String {
        var table = TextTable("solver", "period", "samples/s", "speedup", "bound", "gap", "bottleneck", "solve time")
        for name in availableNames(SolverCatalog.throughputNames) {
            do {
                let made = try Planner.throughput(problem, solver: try SolverCatalog.throughput(name), options: options,
                                                  platform: platform, batch: input.batch)
                let p = made.plan
                table.add(name, seconds(p.periodSeconds), fixed(p.throughputPerSecond ?? 0, 1),
                          p.speedupOverFastestSingleDevice.map(times) ?? "-", seconds(p.lowerBoundSeconds),
                          p.gap.map(percent) ?? "-", p.replicas?.first?.bottleneck ?? "-", formatSeconds(p.solveSeconds))
            } catch let error as Planner.NoPlan {
                table.add(name, "-", "-", "-", "-", "-", error.status.word, "-")
            } catch let error as HeuristicDeadEnd {
                table.add(name, "-", "-", "-", "-", "-", "dead end: \(error.node)", "-")
            }
        }
        do {
            let made = try Planner.replicatedThroughput(problem, solver: splitting.dataParallel, options: options,
                                                        platform: platform, batch: input.batch)
            let p = made.plan
            table.add("split", seconds(p.periodSeconds), fixed(p.throughputPerSecond ?? 0, 1),
                      p.speedupOverFastestSingleDevice.map(times) ?? "-", seconds(p.lowerBoundSeconds), p.gap.map(percent) ?? "-",
                      "\(made.result.replicas.count) replica(s)", formatSeconds(p.solveSeconds))
        } catch let error as Planner.NoPlan {
            table.add("split", "-", "-", "-", "-", "-", error.status.word, "-")
        }
        return table.rendered
    }
}
