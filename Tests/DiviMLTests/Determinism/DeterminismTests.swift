import Foundation
import Testing
@testable import DiviML
import DiviMLTestSupport

/// Same input, same plan (issue 9): every solver run twice on one input returns the same
/// placement and start of every node. The work budgets are small (seconds per test) and
/// the wall-clock limits generous, so what stops an engine is its deterministic budget,
/// never the machine's load; each test also checks the result does not say it may vary.
@Suite("Determinism: same input, same plan")
struct DeterminismTests {
    /// A wall-clock cap far above what the work budgets below take.
    static let generousCap = 120.0

    /// The plan's node-by-node differences, for the failure message (empty when equal).
    static func differences(_ a: Schedule, _ b: Schedule, _ p: SchedulingProblem) -> [String] {
        p.nodes.indices.compactMap { v in
            a.device[v] == b.device[v] && a.start[v] == b.start[v] ? nil
                : "\(p.nodes[v].name): device \(a.device[v]) vs \(b.device[v]), start \(a.start[v]) vs \(b.start[v])"
        }
    }

    static func expectSame(_ a: SolverResult, _ b: SolverResult, _ p: SchedulingProblem, _ what: String,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (x, y) = (try #require(a.schedule), try #require(b.schedule))
        #expect(Validator.violations(of: x, for: p).isEmpty, "\(what)", sourceLocation: sourceLocation)
        let diff = differences(x, y, p)
        #expect(diff.isEmpty, "\(what): \(diff.count) nodes differ, first \(diff.prefix(3)); notes \(a.notes) / \(b.notes)",
                sourceLocation: sourceLocation)
        #expect(x.makespan == y.makespan, "\(what)", sourceLocation: sourceLocation)
        #expect(!a.mayVary && !b.mayVary, "\(what): the wall clock stopped a solve: \(a.notes + b.notes)", sourceLocation: sourceLocation)
    }

    static func zoo(_ model: String) throws -> SchedulingProblem {
        try SchedulingProblem(graph: try ModelZoo.build(model), platform: try BuiltinPlatforms.named("paper-node"))
    }

    /// The default latency solver as the CLI builds it (`auto`: splitting with CP-SAT
    /// modules above 40 nodes), module solves concurrent on 2 threads.
    @Test("auto on GoogLeNet twice: the same schedule", arguments: ["googlenet"])
    func autoLatency(model: String) throws {
        let p = try Self.zoo(model)
        let solver = AutoLatencySolver(splitting: SplittingSolver(moduleTimeLimit: 30))
        let options = SolveOptions(timeLimit: Self.generousCap, workers: 2, workLimit: 0.005)
        let first = try solver.solve(p, options: options)
        let second = try solver.solve(p, options: options)
        try Self.expectSame(first, second, p, "auto on \(model)")
    }

    /// The module solves do not depend on how many run at once.
    @Test("splitting on RandWire: the same schedule with 1 and 2 concurrent module solves")
    func splittingWorkerCount() throws {
        let p = try Self.zoo("randwire-ws")
        let solver = SplittingSolver(moduleTimeLimit: 30)
        let one = try solver.solve(p, options: SolveOptions(timeLimit: Self.generousCap, workers: 1, workLimit: 0.005))
        let two = try solver.solve(p, options: SolveOptions(timeLimit: Self.generousCap, workers: 2, workLimit: 0.005))
        try Self.expectSame(one, two, p, "split on randwire-ws, 1 vs 2 workers")
    }

    /// Replicated throughput as the CLI builds it for `auto`/`split`: data parallel over
    /// model-parallel pipelines, CP-SAT inside the pipelines (<= 60 nodes) and re-solving
    /// the chosen groups.
    @Test("data-parallel throughput twice: the same replicas")
    func replicatedThroughput() throws {
        let p = try BoundsTests.withHostIO(try TestInstances.randomDAG(nodes: 40, devices: 3, seed: 5))
        let cpsat: (any ThroughputSolver)? = ExactAvailability.cpsatUsable ? CPSATSolver() : nil
        let solver = DataParallelSolver(pipeline: ModelParallelSolver(exact: cpsat), latency: SplittingSolver(), refine: cpsat)
        let options = SolveOptions(timeLimit: Self.generousCap, workers: 2, workLimit: 0.02)
        let first = try solver.solve(p, options: options)
        let second = try solver.solve(p, options: options)
        #expect(!first.replicas.isEmpty)
        #expect(first.groups == second.groups)
        #expect(first.replicas == second.replicas, "notes \(first.notes) / \(second.notes)")
        #expect(!first.mayVary && !second.mayVary, "\(first.notes + second.notes)")
    }
}

/// The exact engines under a limit, twice.
@Suite("Determinism of the exact engines", .enabled(if: ExactLibraries.ortools || ExactLibraries.highs,
                                                     "solver libraries not found (scripts/fetch-solvers.sh)"))
struct ExactDeterminismTests {
    static func layered() throws -> SchedulingProblem {
        try RandomInstances.layered(nodes: 40, platform: BuiltinPlatforms.named("paper-node"), seed: 3)
    }

    /// 40 layered nodes are not proven optimal within these budgets, so the budget is what
    /// stops the engine; 1 worker (sequential) and 2 (interleaved, synchronised batches).
    @Test("CP-SAT stopped by its work budget twice: the same schedule", .enabled(if: ExactLibraries.ortools),
          arguments: [1, 2])
    func cpsatLatency(workers: Int) throws {
        let p = try Self.layered()
        let options = SolveOptions(timeLimit: DeterminismTests.generousCap, seed: 1, workers: workers, workLimit: 0.05)
        let first = try CPSATSolver().solve(p, options: options)
        let second = try CPSATSolver().solve(p, options: options)
        try DeterminismTests.expectSame(first, second, p, "CP-SAT, \(workers) worker(s)")
        #expect(first.notes.contains { $0.contains("work budget") } || first.status == .optimal, "\(first.notes)")
    }

    @Test("CP-SAT throughput stopped by its work budget twice: the same placement", .enabled(if: ExactLibraries.ortools))
    func cpsatThroughput() throws {
        let p = try Self.layered()
        let options = SolveOptions(timeLimit: DeterminismTests.generousCap, seed: 1, workers: 2, workLimit: 0.05)
        let first = try CPSATSolver().solveThroughput(p, options: options)
        let second = try CPSATSolver().solveThroughput(p, options: options)
        #expect(first.placement != nil && first.placement == second.placement)
        #expect(!first.mayVary && !second.mayVary, "\(first.notes)")
    }

    @Test("HiGHS stopped by its node budget twice: the same schedule", .enabled(if: ExactLibraries.highs))
    func milpLatency() throws {
        let p = try RandomInstances.layered(nodes: 20, platform: BuiltinPlatforms.named("paper-node"), seed: 3)
        let options = SolveOptions(timeLimit: DeterminismTests.generousCap, seed: 1, workers: 2, workLimit: 0.01)
        let first = try MILPSolver().solve(p, options: options)
        let second = try MILPSolver().solve(p, options: options)
        try DeterminismTests.expectSame(first, second, p, "HiGHS")
    }

    /// A wall-clock limit far below the work budget stops the engine, and the result says so.
    @Test("stopped by the wall clock: the plan says it may vary", .enabled(if: ExactLibraries.ortools))
    func wallClockStopIsReported() throws {
        let p = try Self.layered()
        let r = try CPSATSolver().solve(p, options: SolveOptions(timeLimit: 0.2, seed: 1, workers: 2, workLimit: 1000))
        #expect(r.status == .timeout || r.status == .optimal)
        if r.status != .optimal {
            #expect(r.mayVary)
            #expect(r.notes.contains { $0.contains("may vary between runs") }, "\(r.notes)")
        }
        let wall = try CPSATSolver().solve(p, options: SolveOptions(timeLimit: 0.2, seed: 1, workers: 2, wallClock: true))
        #expect(wall.mayVary, "parallel search under wall-clock limits: \(wall.notes)")
        #expect(wall.notes.contains { $0.contains("may vary between runs") })
    }

    @Test("the CP-SAT parameters: work budget and interleaved search unless wall-clock")
    func parameters() {
        let deterministic = CPSATSolver().parameters(SolveOptions(timeLimit: 200, workers: 2))
        #expect(deterministic.maxDeterministicTime == WorkBudget.units(forSeconds: 200))
        #expect(deterministic.interleaveSearch && deterministic.numWorkers == 2)
        #expect(deterministic.maxTimeInSeconds == 200)
        // 0.2 units buy less than one interleaved batch of two workers: one sequential search.
        let small = CPSATSolver().parameters(SolveOptions(timeLimit: 10, workers: 2))
        #expect(small.maxDeterministicTime == WorkBudget.units(forSeconds: 10))
        #expect(small.numWorkers == 1 && !small.hasInterleaveSearch)
        let single = CPSATSolver().parameters(SolveOptions(timeLimit: 10, workers: 1, workLimit: 2))
        #expect(single.maxDeterministicTime == 2 && !single.hasInterleaveSearch)
        let wall = CPSATSolver().parameters(SolveOptions(timeLimit: 10, workers: 2, wallClock: true))
        #expect(!wall.hasMaxDeterministicTime && !wall.hasInterleaveSearch && wall.maxTimeInSeconds == 10)
    }

    @Test("a sub-solve's budget follows its own, smaller limit")
    func limitedOptions() {
        let o = SolveOptions(timeLimit: 60, workLimit: 100).limited(to: 2)
        #expect(o.timeLimit == 2 * WorkBudget.subSolveCapFactor && o.workBudget == WorkBudget.units(forSeconds: 2))
        #expect(SolveOptions(timeLimit: 3).limited(to: 2).timeLimit == 3)
        #expect(SolveOptions(timeLimit: 60, workLimit: 0.005).limited(to: 2).workBudget == 0.005)
        let wall = SolveOptions(timeLimit: 60, wallClock: true).limited(to: 2)
        #expect(wall.workBudget == nil && wall.timeLimit == 2)
    }
}

/// `--write-lp` with colocation groups: the same file every time, in every process (the
/// groups were once written in `Dictionary` order, which Swift seeds per process).
@Suite("MILP export is deterministic", .enabled(if: ExactLibraries.highs, "HiGHS library not found (scripts/fetch-solvers.sh)"))
struct MILPExportDeterminismTests {
    static let constraints = "groups:\n  stem: [conv1, bn1, relu]\n  head: [avgpool, flatten, fc]\n  b1: [layer1.0.conv1, layer1.0.bn1]\n"
        + "  b2: [layer2.0.conv1, layer2.0.bn1]\n  b3: [layer3.0.conv1, layer3.0.bn1]\n  b4: [layer4.0.conv1, layer4.0.bn1]\n"

    @Test("writeLP twice in one process: byte for byte")
    func inProcess() throws {
        let graph = try ModelZoo.build("resnet18", options: ModelOptions())
        let platform = try BuiltinPlatforms.named("paper-node")
        let path = CLIRunner.temporaryPath("groups.yaml")
        try Self.constraints.write(toFile: path, atomically: true, encoding: .utf8)
        let problem = try SchedulingProblem(graph: graph, platform: platform,
                                            constraints: try NodeConstraints.load(path: path, graph: graph, platform: platform))
        #expect(problem.groups.count == 6)
        let files = (1...2).map { CLIRunner.temporaryPath("model-\($0).lp") }
        for file in files {
            _ = try MILPSolver(writeLP: file).solveThroughput(problem, options: SolveOptions(timeLimit: 5, workLimit: 0.01))
        }
        let (a, b) = (try Data(contentsOf: URL(fileURLWithPath: files[0])), try Data(contentsOf: URL(fileURLWithPath: files[1])))
        #expect(!a.isEmpty && a == b)
    }

    /// Two processes hash strings with different seeds, so this catches dictionary order.
    @Test("diviml --write-lp in two processes: byte for byte")
    func acrossProcesses() throws {
        let path = CLIRunner.temporaryPath("groups-cli.yaml")
        try Self.constraints.write(toFile: path, atomically: true, encoding: .utf8)
        var files: [Data] = []
        for i in 1...2 {
            let lp = CLIRunner.temporaryPath("cli-\(i).lp")
            let out = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--solver", "milp", "--constraints", path,
                                         "--write-lp", lp, "--time-limit", "0.5"])
            #expect(out.status == 0, "\(out.stderr)")
            files.append(try Data(contentsOf: URL(fileURLWithPath: lp)))
        }
        #expect(!files[0].isEmpty && files[0] == files[1])
    }
}
