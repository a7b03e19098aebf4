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
        device-placement JSON in --public. Per instance, two plans of --solver under --time-limit, as \
        `diviml schedule` makes them: with the default bounds (plan, bound, by, gap) and with \
        --bound-time-limit (plan+, bound+, by, gap+: the per-segment relaxations bounded by CP-SAT, \
        and the plan their sub-schedules join into when it is better), the segments CP-SAT proved, \
        and the time the bounds took.
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

    /// Plan value, bound, its source and the gap.
    private static func cells(_ plan: Plan) -> [String] {
        [plan.makespanSeconds.map(formatSeconds) ?? "-", plan.lowerBoundSeconds.map(formatSeconds) ?? "-",
         plan.lowerBoundSource ?? "-", plan.gap.map { fixed($0 * 100, 1) + "%" } ?? "-"]
    }

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
            var table = TextTable("instance", "nodes", "plan", "bound", "by", "gap", "plan+", "bound+", "by", "gap+", "proved", "bound time")
            for (name, problem) in instances {
                let plain = try Planner.plan(problem, choice: solver, settings: PlanSettings(timeLimit: timeLimit)).plan
                let strong = try Planner.plan(problem, choice: solver, settings: PlanSettings(timeLimit: timeLimit, boundTimeLimit: boundTimeLimit)).plan
                // "…, CP-SAT proved 9 of 9 segments' optima, …" -> "9 of 9"
                let note = strong.notes?.first { $0.hasPrefix("bound: segment relaxations") } ?? ""
                let proved = note.components(separatedBy: "proved ").dropFirst().first?.components(separatedBy: " segments").first
                let row = [name, "\(problem.nodes.count)"] + Self.cells(plain) + Self.cells(strong)
                    + [proved ?? "-", strong.lowerBoundComputeSeconds.map(formatSeconds) ?? "-"]
                table.add(row)
                FileHandle.standardError.write(Data((row.joined(separator: " | ") + "\n").utf8))
            }
            print(table.rendered)
        }
    }
}
