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

    @Flag(help: "Skip the zoo models (only the public inputs).")
    var skipZoo = false

    @Option(help: "Directory of device-placement JSON files (searched recursively); empty: skip.")
    var `public`: String = "Tests/DiviMLTests/Fixtures/msr-fiddle/latency-inputs"

    @Option(help: "Solver of the plan (a `diviml schedule --solver` name).")
    var solver: String = "auto"

    @Option(help: "Budget of the plan, seconds.")
    var timeLimit: Double = 60

    @Option(help: "Work budget of the segment relaxations' exact solves, seconds in all.")
    var boundTimeLimit: Double = 10

    func validate() throws {
        try asUsageError {
            guard SolverChoice(rawValue: solver) != nil else {
                throw InputError.invalidValue(what: "--solver", value: solver, allowed: SolverChoice.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard seeds >= 1 else { throw InputError.invalidValue(what: "--seeds", value: "\(seeds)", allowed: "at least 1") }
            guard timeLimit > 0, timeLimit.isFinite else {
                throw InputError.invalidValue(what: "--time-limit", value: "\(timeLimit)", allowed: "a positive number of seconds")
            }
            guard boundTimeLimit > 0, boundTimeLimit.isFinite else {
                throw InputError.invalidValue(what: "--bound-time-limit", value: "\(boundTimeLimit)", allowed: "a positive number of seconds")
            }
            let known = ModelZoo.catalog.map(\.name)
            for name in selectedModels where !known.contains(name) {
                throw InputError.invalidValue(what: "--models", value: name, allowed: known.joined(separator: ", "))
            }
            try checkPublicFolder(`public`)
        }
    }

    private var selectedModels: [String] { models.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    /// Plan value, bound, its source and the gap.
    private static func cells(_ plan: Plan) -> [String] {
        [plan.makespanSeconds.map(formatSeconds) ?? "-", plan.lowerBoundSeconds.map(formatSeconds) ?? "-",
         plan.lowerBoundSource ?? "-", plan.gap.map { fixed($0 * 100, 1) + "%" } ?? "-"]
    }

    func run() throws {
        try reportingErrors {
            let solver = SolverChoice(rawValue: solver)!
            var instances: [(String, SchedulingProblem)] = []
            if !skipZoo {
                let zoo = try QualityRuns.instances(models: selectedModels.isEmpty ? nil : selectedModels, seeds: seeds)
                instances = zoo.map { ($0.name, $0.problem) }
            }
            for path in publicLatencyInputs(in: `public`) {
                let problem = try loadDevicePlacementProblem(path: path)
                instances.append((URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent + "/" + problem.name, problem))
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
