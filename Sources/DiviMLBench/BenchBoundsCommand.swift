import ArgumentParser
import CommandSupport
import DiviML
import Foundation

/// `diviml bench bounds`: how close the lower bounds come to the best plan, on the zoo, on
/// RandWire and on the public latency inputs (docs/benchmarks.md, "Lower bounds").
struct BenchBoundsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bounds",
        abstract: "Lower bounds against the best plan on the zoo, RandWire and the public latency inputs (docs/benchmarks.md).",
        discussion: """
        Every zoo model on paper-node (RandWire WS/ER/BA at N = 32 with --seeds seeds), then every \
        device-placement JSON in --public. Per instance: the plan of --solver under --time-limit, \
        the best closed-form bound and its name, the per-segment relaxations with closed forms only \
        and with CP-SAT bounding each segment under --bound-time-limit of work in all, the gap of \
        the plan to the best bound, and the time the bound took.
        """)

    @Option(help: "Seeds per RandWire model.")
    var seeds: Int = 3

    @Option(help: "Only these zoo models (comma-separated); empty: all.")
    var models: String = ""

    @Option(help: "Directory of device-placement JSON files (searched recursively); empty: skip.")
    var `public`: String = "Tests/DiviMLTests/Fixtures/msr-fiddle/latency-inputs"

    @Option(help: "Solver of the plan (a `diviml schedule --solver` name).")
    var solver: String = "auto"

    @Option(help: "Budget of the plan, seconds.")
    var timeLimit: Double = 60

    @Option(help: "Work budget of the segment relaxations' exact solves, seconds in all.")
    var boundTimeLimit: Double = 10

    func run() throws {
        try reportingErrors {
            guard let solver = SolverChoice(rawValue: solver) else {
                throw InputError.invalidValue(what: "--solver", value: self.solver, allowed: SolverChoice.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let platform = try BuiltinPlatforms.named("paper-node")
            var instances: [(String, SchedulingProblem)] = []
            let only = models.split(separator: ",").map(String.init)
            for entry in ModelZoo.catalog where only.isEmpty || only.contains(entry.name) {
                let randwire = entry.name.hasPrefix("randwire")
                for seed in randwire ? Array(1...UInt64(max(1, seeds))) : [1] {
                    let graph = try ModelZoo.build(entry.name, options: ModelOptions(randwireNodes: 32, graphSeed: seed))
                    instances.append((randwire ? "\(entry.name) s\(seed)" : entry.name, try SchedulingProblem(graph: graph, platform: platform)))
                }
            }
            if !`public`.isEmpty, let walker = FileManager.default.enumerator(atPath: `public`) {
                for path in walker.compactMap({ $0 as? String }).filter({ $0.hasSuffix(".json") }).sorted() {
                    let problem = try loadDevicePlacementProblem(path: `public` + "/" + path)
                    instances.append((URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent + "/" + problem.name, problem))
                }
            }
            var table = TextTable("instance", "nodes", "plan", "closed form", "by", "segments", "segments+cp-sat", "solves", "gap", "bound time")
            for (name, problem) in instances {
                let plan = try Planner.plan(problem, choice: solver, settings: PlanSettings(timeLimit: timeLimit)).plan
                let closed = LowerBounds.latency(problem)[0]
                let plain = LowerBounds.segmentRelaxation(problem, engine: nil, options: SolveOptions(), budgetSeconds: 0).value
                let clock = ContinuousClock.now
                let engine: (any LatencySolver)? = SolverChoice.exact.isAvailable ? CPSATSolver() : nil
                let strong = LowerBounds.segmentRelaxation(problem, engine: engine, options: SolveOptions(timeLimit: boundTimeLimit * 3),
                                                           budgetSeconds: boundTimeLimit)
                let elapsed = clock.duration(to: .now)
                let best = max(closed.seconds, plain.seconds, strong.value.seconds, plan.lowerBoundSeconds ?? 0)
                let value = plan.makespanSeconds ?? .nan
                table.add([name, "\(problem.nodes.count)", formatSeconds(value), formatSeconds(closed.seconds), closed.name,
                           formatSeconds(plain.seconds), formatSeconds(strong.value.seconds), "\(strong.proved)/\(strong.solves)",
                           fixed((value - best) / best * 100, 1) + "%",
                           formatSeconds(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)])
                FileHandle.standardError.write(Data("\(name) done\n".utf8))
            }
            print(table.rendered)
        }
    }
}
