import Testing
@testable import DiviML

/// The fluid LP is solved exactly: the primal certificate meets the dual value, and on two
/// devices the value matches the closed form (sort by cost ratio, split one node).
@Suite("Fluid LP")
struct FluidLPTests {
    @Test func denseSimplexSolvesATextbookLP() throws {
        // max 3x + 5y s.t. x <= 4, 2y <= 12, 3x + 2y <= 18: optimum 36 at (2, 6), duals (0, 1.5, 1).
        let outcome = DenseSimplex.maximise(c: [3, 5], a: [[1, 0], [0, 2], [3, 2]], b: [4, 12, 18])
        guard case let .optimal(s) = outcome else { Issue.record("not optimal"); return }
        #expect(abs(s.value - 36) < 1e-9)
        #expect(abs(s.x[0] - 2) < 1e-9 && abs(s.x[1] - 6) < 1e-9)
        #expect(zip(s.duals, [0, 1.5, 1]).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    @Test(arguments: Array(UInt64(1)...20))
    func certificateMeetsTheBound(seed: UInt64) throws {
        let problem = try TestInstances.randomDAG(nodes: 20 + Int(seed) * 13, devices: 2 + Int(seed % 5), seed: seed)
        let lp = FluidBound.latencyLPForTests(problem)
        let solution = lp.solve()
        #expect(solution.exact, "seed \(seed) after \(solution.rounds) rounds")
        #expect(solution.upper <= solution.value * (1 + 1e-7) + 1e-12, "seed \(seed): \(solution.value) vs \(solution.upper)")
        for f in solution.fractions { #expect(abs(f.reduce(0, +) - 1) < 1e-9 && f.allSatisfy { $0 >= -1e-12 }) }
        // No weight on a grid does better than the optimum (weak duality, as a cross-check).
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            let raw = (0..<problem.deviceCount).map { _ in rng.nextUnit() }
            let lambda = raw.map { $0 / raw.reduce(0, +) }
            #expect(lp.evaluate(lambda).value <= solution.value * (1 + 1e-9))
        }
    }

    @Test(arguments: Array(UInt64(1)...12))
    func twoDevicesMatchTheClosedForm(seed: UInt64) throws {
        let problem = try TestInstances.randomDAG(nodes: 15 + Int(seed) * 5, devices: 2, seed: seed)
        #expect(abs(LowerBounds.fluidLoad(problem) - Self.closedForm(problem)) <= 1e-9 * Self.closedForm(problem), "seed \(seed)")
    }

    @Test(arguments: Array(UInt64(1)...8))
    func periodCertificateMeetsTheBound(seed: UInt64) throws {
        var problem = try TestInstances.randomDAG(nodes: 25, devices: 3, seed: seed)
        problem = try BoundsTests.withHostIO(problem)
        let solution = FluidBound.periodLP(problem).compacted().solve()
        #expect(solution.exact)
        #expect(solution.upper <= solution.value * (1 + 1e-7) + 1e-12, "seed \(seed)")
    }

    /// On two devices an optimal fractional placement sorts nodes by c0/c1, puts a prefix on
    /// device 0 and the rest on device 1, and splits one node so the loads meet (or puts all
    /// on one device when that is better): min over the continuous cut θ of max(L0, L1).
    static func closedForm(_ p: SchedulingProblem) -> Double {
        let c = p.nodes.indices.map { (p.cost($0, on: 0), p.cost($0, on: 1)) }.sorted { $0.0 / $0.1 < $1.0 / $1.1 }
        var best = Double.infinity
        var l0 = 0.0
        var l1 = c.reduce(0) { $0 + $1.1 }
        best = min(best, l1)
        for (a, b) in c {
            // Moving this node from device 1 to device 0 fraction t: L0 = l0 + t·a, L1 = l1 − t·b.
            let t = min(1, max(0, (l1 - l0) / (a + b)))
            best = min(best, max(l0 + t * a, l1 - t * b))
            l0 += a
            l1 -= b
        }
        return min(best, l0)
    }
}

extension FluidBound {
    /// The latency LP on all devices, for the tests.
    static func latencyLPForTests(_ problem: SchedulingProblem) -> FluidLP {
        FluidLP(resources: problem.deviceCount, offset: problem.deviceReady,
                items: problem.nodes.indices.map { v in problem.allowedDevices(v).map { FluidLP.Option(amounts: [($0, problem.cost(v, on: $0))]) } })
    }
}
