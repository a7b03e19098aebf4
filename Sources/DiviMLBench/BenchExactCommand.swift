import ArgumentParser
import CommandSupport
import DiviML
import DiviMLTestSupport
import Foundation

/// `diviml bench exact`: how fast the exact engines prove optimality (or how large a gap
/// they leave at the time limit) on seeded random layered DAGs, and exact versus HEFT on
/// zoo models. Output is the table pasted into docs/benchmarks.md.
struct BenchExactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exact",
        abstract: "Time CP-SAT and the MILP to proven optimality on random layered DAGs and zoo models.")

    @Option(parsing: .upToNextOption, help: "Node counts of the random layered DAGs.")
    var sizes: [Int] = [10, 20, 30, 40, 60]

    @Option(help: "Random instances per size (seeds 1...n).")
    var seeds: Int = 1

    @Option(parsing: .upToNextOption, help: "Engines: exact (CP-SAT), milp (HiGHS).")
    var engines: [String] = ["exact", "milp"]

    @Option(parsing: .upToNextOption, help: "Zoo rows: model names, RandWire stages as randwire-stage-N.")
    var models: [String] = ["resnet18", "randwire-stage-32"]

    @Flag(help: "Leave out the zoo rows.")
    var skipModels = false

    @Option(help: "Time limit per solve, seconds.")
    var timeLimit: Double = 60

    @Option(help: "Worker threads for CP-SAT.")
    var workers: Int = 2

    @Option(help: "Platform (built-in name or file).")
    var platform: String = "paper-node"

    @Flag(help: "Show solver progress on stderr.")
    var progress = false

    func validate() throws {
        for e in engines where !["exact", "cpsat", "milp"].contains(e) {
            throw ValidationError("unknown engine '\(e)'; engines: exact (alias cpsat), milp")
        }
        guard timeLimit > 0, workers > 0, seeds > 0 else { throw ValidationError("time limit, workers and seeds must be positive") }
    }

    func run() throws {
        try reportingErrors {
            SolveInterruption.installSignalHandler()
            let machine = try BuiltinPlatforms.resolve(platform)
            let settings = PlanSettings(timeLimit: timeLimit, workers: workers, progress: progress, platform: machine.name)
            var table = TextTable("instance", "nodes", "edges", "engine", "status", "HEFT", "exact", "bound", "gap", "time")
            var instances: [(String, SchedulingProblem)] = []
            for n in sizes { for seed in 1...seeds {
                instances.append(("layered-\(n) seed \(seed)", try RandomInstances.layered(nodes: n, platform: machine, seed: UInt64(seed))))
            } }
            for name in models where !skipModels { instances.append((name, try zooProblem(name, machine))) }
            for (name, problem) in instances {
                let heft = try Planner.plan(problem, choice: .heft, settings: settings).plan.makespanSeconds ?? .nan
                for engine in engines {
                    let plan = try? Planner.plan(problem, choice: try SolverChoice(named: engine), settings: settings).plan
                    table.add(row(name, problem, engine, plan, heft))
                    try? FileHandle.standardError.write(contentsOf: Data("done: \(name) \(engine) \(plan?.status ?? "no plan") \(String(format: "%.1f", plan?.solveSeconds ?? 0)) s\n".utf8))
                }
            }
            print("platform \(machine.name), time limit \(formatSeconds(timeLimit)), \(workers) workers; gap = (exact - bound) / bound")
            print(table.rendered)
        }
    }

    private func zooProblem(_ name: String, _ machine: Platform) throws -> SchedulingProblem {
        if name.hasPrefix("randwire-stage-"), let n = Int(name.dropFirst("randwire-stage-".count)) {
            return try RandWireStyleDAG.problem(nodes: n, platform: machine, seed: 1)
        }
        return try SchedulingProblem(graph: try ModelZoo.build(name, options: ModelOptions()), platform: machine)
    }

    /// The bound is the plan's: the larger of the engine's own and the closed-form bounds.
    private func row(_ name: String, _ p: SchedulingProblem, _ engine: String, _ plan: Plan?, _ heft: Double) -> [String] {
        let bound = plan?.lowerBoundSeconds
        let gap = plan?.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "-"
        return [name, "\(p.nodes.count)", "\(p.edges.count)", engine, plan?.status ?? "no plan", formatSeconds(heft),
                seconds(plan?.makespanSeconds), seconds(bound), gap, String(format: "%.2f s", plan?.solveSeconds ?? 0)]
    }
}
