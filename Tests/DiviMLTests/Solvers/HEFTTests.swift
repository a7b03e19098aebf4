import Testing
@testable import DiviML

@Suite("HEFT")
struct HEFTTests {
    /// Topcuoglu, Hariri, Wu (2002), Fig. 2 and Table 1: HEFT's schedule has makespan 80.
    @Test func reproducesThePaperExample() throws {
        let problem = try TestInstances.fixture("heft-paper.json")
        let result = try HEFTSolver().solve(problem, options: SolveOptions())
        let schedule = try #require(result.schedule)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
        #expect(abs(schedule.makespan - 80) < 1e-9)
    }

    /// The paper's upward ranks: n1 108.0, n3 80.0, n4 80.0, n2 77.0, n5 69.0, n6 63.33,
    /// n9 44.33, n7 42.67, n8 35.67, n10 14.67.
    @Test func upwardRanksMatchThePaper() throws {
        let problem = try TestInstances.fixture("heft-paper.json")
        let rank = HEFTSolver.upwardRank(problem)
        let expected = [108.0, 77.0, 80.0, 80.0, 69.0, 63.333, 42.667, 35.667, 44.333, 14.667]
        try #require(rank.count == expected.count)
        for (got, want) in zip(rank, expected) { #expect(abs(got - want) < 1e-3) }
    }
}
