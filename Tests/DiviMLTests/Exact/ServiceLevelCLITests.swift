import Foundation
import Testing
@testable import DiviML

/// `schedule --solver exact` with serving targets: constraints inside CP-SAT, end to end.
/// Every figure is read from the plan JSON the command writes, never from its summary text.
@Suite("Command line: exact engines under service levels", .enabled(if: ExactLibraries.ortools, ExactLibraries.missing))
struct ServiceLevelCLITests {
    static let base = ["schedule", "vgg16", "--platform", "cpu-gpu", "--solver", "exact", "--time-limit", "20"]

    /// Runs the command with `--out` (and `--problem-out` when `problem` is given) and loads the plan.
    static func plan(_ arguments: [String], name: String, problem: String? = nil,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> Plan {
        let path = CLIRunner.temporaryPath(name)
        let run = try CLIRunner.run(arguments + ["--out", path] + (problem.map { ["--problem-out", $0] } ?? []))
        #expect(run.status == 0, "\(run.stderr)", sourceLocation: sourceLocation)
        return try Plan.load(path: path)
    }

    /// Passes per second that the plan's placement sustains as a pipeline (batch 1).
    static func sustainedRate(_ plan: Plan, problemPath: String) throws -> Double {
        let problem = try SchedulingProblem.load(path: problemPath)
        try #require(plan.nodes.count == problem.nodes.count)
        let device = Dictionary(uniqueKeysWithValues: plan.nodes.map { ($0.name, $0.device) })
        let placement = try problem.nodes.map { node in
            try #require(device[node.name].flatMap { plan.devices.firstIndex(of: $0) }, "\(node.name)")
        }
        return 1 / PipelineLoad(problem: problem, placement: placement).period
    }

    /// One sample's latency through each replica: the last finish among its nodes.
    static func passLatencies(_ plan: Plan) -> [Double] {
        let replicas = Dictionary(grouping: plan.nodes) { $0.replica ?? 0 }
        return replicas.keys.sorted().map { replicas[$0]!.map(\.finish).max()! }
    }

    @Test func throughputFloorBindsAndIsMet() throws {
        let free = try Self.plan(Self.base, name: "slo-free.json")
        let best = try Self.plan(Self.base + ["--objective", "throughput"], name: "slo-best.json")
        let bestRate = try #require(best.throughputPerSecond)
        let freeMakespan = try #require(free.makespanSeconds)
        let target = bestRate * 0.99
        let problemPath = CLIRunner.temporaryPath("slo-floor-problem.json")
        let floored = try Self.plan(Self.base + ["--min-throughput", String(target)], name: "slo-floor.json", problem: problemPath)
        #expect(floored.objective == .latency)
        let sustained = try Self.sustainedRate(floored, problemPath: problemPath)
        #expect(sustained >= target * (1 - 1e-6), "sustains \(sustained) passes/s, floor \(target)")
        #expect(try #require(floored.makespanSeconds) >= freeMakespan * (1 - 1e-9))
        let unreachable = try CLIRunner.run(Self.base + ["--min-throughput", String(bestRate * 1.05)])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.contains("no plan meets --min-throughput") && unreachable.stderr.contains("highest throughput found"))
    }

    @Test func latencyCeilingIsMetOrReportedWithTheBestLatency() throws {
        let fastest = try #require(try Self.plan(Self.base, name: "slo-free-latency.json").makespanSeconds)
        let throughput = Self.base + ["--objective", "throughput"]
        let ceiling = fastest * 1.05
        for engine in ["exact", "milp"] {
            let arguments = throughput.map { $0 == "exact" ? engine : $0 } + ["--max-latency", String(ceiling)]
            let plan = try Self.plan(arguments, name: "slo-ceiling-\(engine).json")
            #expect(plan.objective == .throughput && plan.throughputPerSecond.map { $0 > 0 } == true, "\(engine)")
            let passes = Self.passLatencies(plan)
            #expect(!passes.isEmpty && passes.count == (plan.replicas?.count ?? 1), "\(engine): \(passes)")
            #expect(passes.allSatisfy { $0 <= ceiling * (1 + 1e-6) }, "\(engine): passes \(passes), ceiling \(ceiling)")
        }
        let unreachable = try CLIRunner.run(throughput + ["--max-latency", String(fastest * 0.9)])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.contains("no plan meets --max-latency") && unreachable.stderr.contains("lowest single-pass latency"))
        let heft = try CLIRunner.run(throughput.map { $0 == "exact" ? "heft" : $0 } + ["--max-latency", "1"])
        #expect(heft.status != 0 && heft.stderr.contains("cannot honour it"))
    }
}
