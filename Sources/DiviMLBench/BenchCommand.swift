import ArgumentParser
import CommandSupport
import DiviML
import DiviMLTestSupport
import Foundation

package struct BenchCommand: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Reproducible benchmarks that print tables (pasted into docs/benchmarks.md).",
        subcommands: [BenchHEFTCommand.self, BenchLLMCommand.self, BenchExactCommand.self, BenchQualityCommand.self, BenchScaleCommand.self, BenchBoundsCommand.self])
}

struct BenchHEFTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heft",
        abstract: "Time the list-scheduling baselines on the largest zoo graph and on a 10,000-node RandWire-style DAG.")

    @Option(help: "Nodes of the RandWire-style DAG.")
    var nodes: Int = 10_000

    @Option(help: "Repetitions per measurement (the median is reported).")
    var repeats: Int = 3

    @Option(help: "List schedulers to time, comma-separated: heft, greedy.")
    var solvers = "heft,greedy"

    /// The `--solvers` asked for, in the order given.
    private func choices() throws -> [SolverChoice] {
        try solvers.split(separator: ",").map { name in
            guard let choice = SolverChoice(rawValue: String(name)), [.heft, .greedy].contains(choice) else {
                throw ValidationError("--solvers takes heft and greedy, comma-separated; found '\(name)'")
            }
            return choice
        }
    }

    func validate() throws {
        guard nodes >= 1 else { throw ValidationError("--nodes must be at least 1, found \(nodes)") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, found \(repeats)") }
        guard try !choices().isEmpty else { throw ValidationError("--solvers names no solver") }
    }

    func run() throws {
        try reportingErrors {
            let platform = try BuiltinPlatforms.named("paper-node")
            let zoo = try ModelZoo.catalog.map { try ModelZoo.build($0.name, options: ModelOptions()) }
            let largest = zoo.max { $0.nodes.count < $1.nodes.count }!
            let instances = [
                (largest.name, try SchedulingProblem(graph: largest, platform: platform)),
                ("randwire-style WS(k=4, p=0.75), \(nodes) nodes", try RandWireStyleDAG.problem(nodes: nodes, platform: platform, seed: 1)),
            ]
            var table = TextTable("instance", "nodes", "edges", "solver", "makespan", "median time")
            for (name, problem) in instances {
                for choice in try choices() {
                    var times: [Double] = []
                    var makespan = 0.0
                    for _ in 0..<repeats {
                        let plan = try Planner.plan(problem, choice: choice, settings: PlanSettings(platform: platform.name)).plan
                        times.append(plan.solveSeconds)
                        makespan = plan.makespanSeconds ?? .nan
                    }
                    table.add(name, "\(problem.nodes.count)", "\(problem.edges.count)", choice.rawValue,
                              formatSeconds(makespan), formatSeconds(times.sorted()[times.count / 2]))
                }
            }
            print(table.rendered)
        }
    }
}
