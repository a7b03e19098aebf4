import Testing
@testable import DiviML

/// Splitting's chunks solved again between split points: the joined schedule is valid,
/// never longer than the one it started from, the same with one worker or two, and the
/// phase spends nothing when the budget cannot give a chunk its minimum.
@Suite("Segments solved again", .enabled(if: ExactLibraries.ortools, ExactLibraries.missing))
struct SegmentResolveTests {
    static func stagedRandWire() throws -> SchedulingProblem {
        let graph = try ModelZoo.build("randwire-ws", options: ModelOptions(randwireNodes: 12))
        return try SchedulingProblem(graph: graph, platform: try BuiltinPlatforms.named("paper-node"))
    }

    @Test func joinedScheduleIsValidNeverLongerAndTheSameWithOneWorkerOrTwo() throws {
        let problem = try Self.stagedRandWire()
        let start = try #require(try HEFTSolver().solve(problem, options: SolveOptions()).schedule)
        let outcomes = try [1, 2].map { workers in
            try #require(SegmentResolve(problem: problem, engine: CPSATSolver())
                .improve(start, seconds: 30, options: SolveOptions(workers: workers), stop: SplitStop(seconds: .infinity)))
        }
        let joined = outcomes[0].schedule
        #expect(Validator.violations(of: joined, for: problem).isEmpty)
        #expect(joined.makespan <= start.makespan * (1 + 1e-12))
        #expect(outcomes[0].solved > 0 && outcomes[0].shortened > 0 && joined.makespan < start.makespan)
        #expect(outcomes[1].schedule == joined)
        #expect(LowerBounds.latency(problem)[0].seconds <= joined.makespan * (1 + 1e-9))
    }

    @Test func aBudgetBelowOneChunksMinimumSolvesNothing() throws {
        let problem = try Self.stagedRandWire()
        let start = try #require(try HEFTSolver().solve(problem, options: SolveOptions()).schedule)
        #expect(SegmentResolve(problem: problem, engine: CPSATSolver())
            .improve(start, seconds: SegmentResolve.minimumSeconds * 0.99, options: SolveOptions(), stop: SplitStop(seconds: .infinity)) == nil)
    }
}
