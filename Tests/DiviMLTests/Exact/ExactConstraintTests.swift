import Foundation
import Testing
@testable import DiviML
import DiviMLTestSupport

/// Hand-built instances whose optimum is known by hand, run on every exact engine.
enum HandBuilt {
    static let ms = 1e-3

    /// Two independent nodes; "gpu" runs each in 1 ms, "cpu" in 10 ms; each holds 60 bytes.
    /// Unconstrained: both on the GPU, 2 ms. With 100 bytes of GPU memory: one must go to
    /// the CPU, 10 ms.
    static func memory(gpuBytes: Int64) throws -> SchedulingProblem {
        try SchedulingProblem(
            name: "memory", devices: [.init(name: "cpu", kind: .cpu, memoryBytes: 1000), .init(name: "gpu", kind: .gpu, memoryBytes: gpuBytes)],
            host: 0, latency: [[0, 1e-5], [1e-5, 0]], bandwidth: [[1, 1e9], [1e9, 1]],
            nodes: [.init(name: "a", op: "op", cost: [10 * ms, 1 * ms], paramBytes: 60),
                    .init(name: "b", op: "op", cost: [10 * ms, 1 * ms], paramBytes: 60)],
            edges: [], io: .free)
    }

    /// a -> b; a costs 1 ms on d0 and 3 ms on d1, b the reverse; a transfer takes 0.5 ms.
    /// Split: 1 + 0.5 + 1 = 2.5 ms. Grouped (same device): 1 + 3 = 4 ms.
    static func group(_ grouped: Bool) throws -> SchedulingProblem {
        try SchedulingProblem(
            name: "group", devices: [.init(name: "d0", kind: .gpu, memoryBytes: 1000), .init(name: "d1", kind: .gpu, memoryBytes: 1000)],
            host: 0, latency: [[0, 0.5 * ms], [0.5 * ms, 0]], bandwidth: [[1, 1e15], [1e15, 1]],
            nodes: [.init(name: "a", op: "op", cost: [1 * ms, 3 * ms], group: grouped ? "g" : nil),
                    .init(name: "b", op: "op", cost: [3 * ms, 1 * ms], group: grouped ? "g" : nil)],
            edges: [.init(from: 0, to: 1, bytes: 1)], io: .free)
    }

    /// Three nodes of 60 bytes, two devices of 100 bytes: each fits alone, not all at once.
    static func infeasible() throws -> SchedulingProblem {
        try SchedulingProblem(
            name: "tight", devices: [.init(name: "d0", kind: .gpu, memoryBytes: 100), .init(name: "d1", kind: .gpu, memoryBytes: 100)],
            host: 0, latency: [[0, 1e-5], [1e-5, 0]], bandwidth: [[1, 1e9], [1e9, 1]],
            nodes: (0..<3).map { .init(name: "n\($0)", op: "op", cost: [1 * ms, 1 * ms], paramBytes: 60) },
            edges: [], io: .free)
    }
}

/// Every exact engine whose library is present.
let availableExactEngines: [any LatencySolver & ThroughputSolver] =
    (ExactLibraries.ortools ? [CPSATSolver()] : []) + (ExactLibraries.highs ? [MILPSolver()] : [])

@Suite("Exact engines honour memory and groups", .enabled(if: ExactLibraries.ortools || ExactLibraries.highs, ExactLibraries.missing))
struct ExactConstraintTests {
    @Test("memory changes the latency optimum", arguments: availableExactEngines.indices)
    func memoryLatency(engine: Int) throws {
        let solver = availableExactEngines[engine]
        for (bytes, expected) in [(Int64(1000), 2 * HandBuilt.ms), (100, 10 * HandBuilt.ms)] {
            let p = try HandBuilt.memory(gpuBytes: bytes)
            let r = try solver.solve(p, options: testOptions)
            let s = try #require(checkLatency(r, p, seed: 0))
            #expect(close(s.makespan, expected), "\(solver.name), GPU \(bytes) B: \(s.makespan) vs \(expected)")
            #expect(r.status == .optimal)
        }
    }

    @Test("memory changes the throughput optimum", arguments: availableExactEngines.indices)
    func memoryThroughput(engine: Int) throws {
        let solver = availableExactEngines[engine]
        for (bytes, expected) in [(Int64(1000), 2 * HandBuilt.ms), (100, 10 * HandBuilt.ms)] {
            let p = try HandBuilt.memory(gpuBytes: bytes)
            let r = try solver.solveThroughput(p, options: testOptions)
            let placement = try #require(r.placement)
            #expect(close(PipelineLoad(problem: p, placement: placement).period, expected), "\(solver.name), GPU \(bytes) B")
            #expect(Validator.memoryUse(placement: placement, problem: p)[1] <= bytes)
        }
    }

    @Test("a colocation group changes the optimum", arguments: availableExactEngines.indices)
    func group(engine: Int) throws {
        let solver = availableExactEngines[engine]
        for (grouped, expected) in [(false, 2.5 * HandBuilt.ms), (true, 4 * HandBuilt.ms)] {
            let p = try HandBuilt.group(grouped)
            let r = try solver.solve(p, options: testOptions)
            let s = try #require(checkLatency(r, p, seed: 0))
            #expect(close(s.makespan, expected), "\(solver.name), grouped \(grouped): \(s.makespan) vs \(expected)")
            #expect(close(BruteForce.latency(p)!.makespan, expected))
        }
    }

    @Test("memory that cannot hold everything is reported as infeasible", arguments: availableExactEngines.indices)
    func infeasible(engine: Int) throws {
        let solver = availableExactEngines[engine]
        let p = try HandBuilt.infeasible()
        let r = try solver.solve(p, options: testOptions)
        #expect(r.schedule == nil)
        guard case let .infeasible(why) = r.status else { Issue.record("\(solver.name): \(r.status)"); return }
        #expect(why.contains("memory"))
        let t = try solver.solveThroughput(p, options: testOptions)
        #expect(t.placement == nil && t.status.isInfeasible)
    }

    @Test("symmetry breaking between twin devices keeps the optimum", arguments: 0..<6)
    func twins(seed: Int) throws {
        var options = RandomInstances.TinyOptions()
        options.twinDevices = true
        let seed = UInt64(seed) + 300
        let p = RandomInstances.tiny(nodes: 6, devices: 3, seed: seed, options: options)
        #expect(!ExactModelFacts.interchangeablePairs(p).isEmpty, "seed \(seed): no twins")
        let truth = try #require(BruteForce.latency(p))
        let period = try #require(BruteForce.throughput(p)).period
        for solver in availableExactEngines {
            let r = try solver.solve(p, options: testOptions)
            let s = try #require(checkLatency(r, p, seed: seed))
            #expect(close(s.makespan, truth.makespan), "seed \(seed), \(solver.name): \(s.makespan) vs \(truth.makespan)")
            let t = try solver.solveThroughput(p, options: testOptions)
            let placement = try #require(t.placement)
            #expect(close(PipelineLoad(problem: p, placement: placement).period, period), "seed \(seed), \(solver.name)")
        }
    }
}

@Suite("Solver libraries absent")
struct MissingLibraryTests {
    let nowhere = ["DIVIML_SOLVER_LIBS": "/nonexistent/diviml-solvers"]

    @Test("CP-SAT and MILP fail with the typed error naming what to install; heuristics still run")
    func missing() throws {
        let p = RandomInstances.tiny(nodes: 5, devices: 3, seed: 1)
        let engines: [any LatencySolver] = [CPSATSolver(environment: nowhere), MILPSolver(environment: nowhere)]
        for solver in engines {
            do {
                _ = try solver.solve(p, options: testOptions)
                Issue.record("\(solver.name) ran without its library")
            } catch let error as SolverLibraryError {
                guard case .notFound = error else { Issue.record("\(error)"); continue }
                let text = error.description
                #expect(text.contains("scripts/fetch-solvers.sh"))
                #expect(text.contains("pip install ortools==\(SolverLibraries.ortoolsPin)"))
                #expect(text.contains("DIVIML_SOLVER_LIBS=/nonexistent/diviml-solvers"))
            }
        }
        #expect(throws: SolverLibraryError.self) { try CPSATSolver(environment: nowhere).solveThroughput(p, options: testOptions) }
        let statuses = SolverLibraries.status(environment: nowhere)
        #expect(statuses.count == 2 && statuses.allSatisfy { !$0.usable && $0.problem != nil })
        let heuristic = try Simulator.run(p, placement: try #require(ExactModelFacts.greedyPlacement(p)))
        #expect(Validator.violations(of: heuristic, for: p).isEmpty)
    }
}
