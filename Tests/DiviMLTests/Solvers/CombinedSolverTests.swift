import Testing
@testable import DiviML

/// A latency solver with a fixed answer: its placement simulated, or no schedule, or an error.
private struct FixedSolver: LatencySolver {
    struct Failure: Error, CustomStringConvertible { var description: String }

    let name: String
    var placement: [Int]?
    var solveSeconds = 0.0
    var lowerBound: Double?
    var fails = false

    func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        if fails { throw Failure(description: "\(name) ran out of memory") }
        let schedule = try placement.map { try Simulator.run(problem, placement: $0) }
        return SolverResult(solver: name, schedule: schedule, status: schedule == nil ? .infeasible("\(name): none") : .heuristic,
                            lowerBound: lowerBound, solveSeconds: solveSeconds)
    }
}

/// The solvers that combine others (`BestOfSolver`, `BestFeasibleSolver`) and the
/// one-device placement splitting uses on modules (`WholeOnOneDeviceSolver`).
@Suite("Combined and one-device solvers")
struct CombinedSolverTests {
    /// Twelve nodes on three devices of different speeds; free I/O.
    static func problem(seed: UInt64 = 5, memoryBytes: Int64 = 1 << 40, paramBytes: Int64 = 0) throws -> SchedulingProblem {
        try TestInstances.randomDAG(nodes: 12, devices: 3, seed: seed, memoryBytes: memoryBytes, paramBytes: paramBytes)
    }

    /// Every node on device `k`.
    static func allOn(_ k: Int, _ p: SchedulingProblem) -> [Int] { [Int](repeating: k, count: p.nodes.count) }

    /// Makespan of every node on device `k`: the sum of their costs there (no transfers, no idle time).
    static func serialTime(_ k: Int, _ p: SchedulingProblem) -> Double { p.nodes.indices.reduce(0) { $0 + p.cost($1, on: k) } }

    @Test("BestOf keeps the smallest makespan, sums the solve times, keeps the highest bound")
    func bestOfSmallest() throws {
        let p = try Self.problem()
        let members = (0..<3).map { k in
            FixedSolver(name: "on\(k)", placement: Self.allOn(k, p), solveSeconds: [1, 2, 4][k], lowerBound: [1e-4, nil, 2e-4][k])
        }
        let fastest = try #require((0..<3).min { Self.serialTime($0, p) < Self.serialTime($1, p) })
        let r = try BestOfSolver(name: "best", members: members).solve(p, options: SolveOptions())
        let s = try #require(r.schedule)
        #expect(s.device == Self.allOn(fastest, p))
        #expect(abs(s.makespan - Self.serialTime(fastest, p)) <= 1e-12)
        #expect(Validator.violations(of: s, for: p).isEmpty)
        #expect(r.solver == "best" && r.solveSeconds == 7 && r.lowerBound == 2e-4)
        #expect(r.notes.first == "best of on0, on1, on2: on\(fastest)")
    }

    @Test("BestOf: a tie goes to the first listed; one member's error is the whole solve's error")
    func bestOfTiesAndErrors() throws {
        let p = try Self.problem()
        let same = Self.allOn(1, p)
        let tie = try BestOfSolver(name: "best", members: [FixedSolver(name: "first", placement: same),
                                                           FixedSolver(name: "second", placement: same)]).solve(p, options: SolveOptions())
        #expect(tie.notes.first == "best of first, second: first")
        let failing = BestOfSolver(name: "best", members: [FixedSolver(name: "ok", placement: same), FixedSolver(name: "bad", fails: true)])
        #expect(throws: FixedSolver.Failure.self) { try failing.solve(p, options: SolveOptions()) }
        let none = try BestOfSolver(name: "best", members: [FixedSolver(name: "a"), FixedSolver(name: "b")]).solve(p, options: SolveOptions())
        #expect(none.schedule == nil && none.status == .infeasible("a: none"))
    }

    @Test("BestOf over the list schedulers equals the best of their own makespans", arguments: [UInt64(1), 2, 3])
    func bestOfListSchedulers(seed: UInt64) throws {
        let p = try Self.problem(seed: seed)
        let members: [any LatencySolver] = [HEFTSolver(), GreedySolver(), FastestSingleDeviceSolver()]
        let own = try members.map { try #require(try $0.solve(p, options: SolveOptions()).schedule).makespan }
        let r = try BestOfSolver(name: "best", members: members).solve(p, options: SolveOptions())
        let s = try #require(r.schedule)
        #expect(s.makespan == own.min(), "seed \(seed): \(s.makespan) vs members \(own)")
        #expect(Validator.violations(of: s, for: p).isEmpty, "seed \(seed)")
    }

    @Test("BestFeasible skips members that throw and keeps the smallest makespan of the rest")
    func bestFeasibleSkipsErrors() throws {
        let p = try Self.problem()
        let members = [FixedSolver(name: "bad", fails: true)] + (0..<3).map { FixedSolver(name: "on\($0)", placement: Self.allOn($0, p)) }
            + [FixedSolver(name: "none")]
        let fastest = try #require((0..<3).min { Self.serialTime($0, p) < Self.serialTime($1, p) })
        let r = try BestFeasibleSolver(name: "feasible", members: members).solve(p, options: SolveOptions())
        let s = try #require(r.schedule)
        #expect(s.device == Self.allOn(fastest, p))
        #expect(Validator.violations(of: s, for: p).isEmpty)
        #expect(r.solver == "feasible" && r.status == .heuristic)
        #expect(r.notes.first == "best of bad, on0, on1, on2, none: on\(fastest)")
        let same = Self.allOn(2, p)
        let tie = try BestFeasibleSolver(name: "feasible", members: [FixedSolver(name: "first", placement: same),
                                                                     FixedSolver(name: "second", placement: same)]).solve(p, options: SolveOptions())
        #expect(tie.notes.first == "best of first, second: first")
    }

    @Test("BestFeasible with no schedule at all is infeasible, naming the first failure")
    func bestFeasibleNothing() throws {
        let p = try Self.problem()
        let members = [FixedSolver(name: "bad", fails: true), FixedSolver(name: "worse", fails: true)]
        let r = try BestFeasibleSolver(name: "feasible", members: members).solve(p, options: SolveOptions())
        #expect(r.schedule == nil)
        #expect(r.status == .infeasible("bad: bad ran out of memory"))
        #expect(r.notes == ["bad: bad ran out of memory", "worse: worse ran out of memory"])
    }

    @Test("WholeOnOneDevice puts every node on the device where they finish first", arguments: [UInt64(1), 2, 3])
    func wholeOnOneDevice(seed: UInt64) throws {
        let p = try Self.problem(seed: seed)
        let r = try WholeOnOneDeviceSolver().solve(p, options: SolveOptions())
        let s = try #require(r.schedule)
        #expect(Set(s.device).count == 1, "seed \(seed): \(s.device)")
        #expect(Validator.violations(of: s, for: p).isEmpty, "seed \(seed)")
        let best = p.devices.indices.map { Self.serialTime($0, p) }.min()!
        #expect(abs(s.makespan - best) <= 1e-12 * best, "seed \(seed): \(s.makespan) vs \(best)")
        #expect(r.status == .heuristic)
    }

    @Test("WholeOnOneDevice leaves a node pinned elsewhere on its cheapest allowed device")
    func wholeOnOneDevicePinned() throws {
        let base = try Self.problem()
        var nodes = base.nodes
        nodes[0].cost = [nil, nodes[0].cost[1], nodes[0].cost[2].map { $0 * 2 }]
        let p = try SchedulingProblem(name: "pinned", devices: base.devices, host: base.host, latency: base.latency,
                                      bandwidth: base.bandwidth, nodes: nodes, edges: base.edges, io: base.io)
        let s = try #require(try WholeOnOneDeviceSolver().solve(p, options: SolveOptions()).schedule)
        #expect(Validator.violations(of: s, for: p).isEmpty)
        let rest = Set(s.device.dropFirst())
        #expect(rest.count == 1)
        // Where the others run it runs too if it may; on device 0 it takes the cheaper of 1 and 2.
        let cheapest = p.cost(0, on: 1) <= p.cost(0, on: 2) ? 1 : 2
        #expect(s.device[0] == (rest == [0] ? cheapest : rest.first!), "\(s.device)")
    }

    @Test("WholeOnOneDevice with no device holding every node's weights is infeasible")
    func wholeOnOneDeviceMemory() throws {
        let p = try Self.problem(memoryBytes: 40, paramBytes: 4) // 48 bytes of weights, 40 per device
        let r = try WholeOnOneDeviceSolver().solve(p, options: SolveOptions())
        #expect(r.schedule == nil && r.status.isInfeasible)
    }
}
