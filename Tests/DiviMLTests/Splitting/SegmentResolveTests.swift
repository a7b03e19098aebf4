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

    @Test func oneSolveAChunkKeepsTheIncumbentsDevicesAndIsValid() throws {
        let problem = try Self.stagedRandWire()
        let start = try #require(try HEFTSolver().solve(problem, options: SolveOptions()).schedule)
        let outcome = try #require(SegmentResolve(problem: problem, engine: CPSATSolver())
            .improve(start, seconds: SegmentResolve.minimumSeconds, options: SolveOptions(), stop: SplitStop(seconds: .infinity)))
        #expect(outcome.solved == 1)
        #expect(Validator.violations(of: outcome.schedule, for: problem).isEmpty)
        #expect(outcome.schedule.makespan <= start.makespan * (1 + 1e-12))
        for point in SegmentRelaxation(problem).chunks.dropLast().map({ $0.last! }) {
            #expect(outcome.schedule.device[point] == start.device[point])
        }
    }

    @Test func aChunkSolveIsNeverWorseThanTheScheduleItStartsFrom() throws {
        let relaxation = SegmentRelaxation(try Self.stagedRandWire())
        let i = try #require(relaxation.chunks.indices.max { relaxation.chunks[$0].count < relaxation.chunks[$1].count })
        let sub = try #require(relaxation.subproblem(i))
        let known = try #require(try HEFTSolver().solve(sub, options: SolveOptions()).schedule)
        let solved = try #require(SegmentResolve.solve(sub, engine: CPSATSolver(), seconds: 0.5, start: known, options: SolveOptions(workers: 1),
                                                        stop: SplitStop(seconds: .infinity)).schedule)
        #expect(Validator.violations(of: solved, for: sub).isEmpty)
        #expect(solved.makespan <= known.makespan * (1 + 1e-12))
    }

    @Test func aBudgetBelowOneChunksMinimumSolvesNothing() throws {
        let problem = try Self.stagedRandWire()
        let start = try #require(try HEFTSolver().solve(problem, options: SolveOptions()).schedule)
        #expect(SegmentResolve(problem: problem, engine: CPSATSolver())
            .improve(start, seconds: SegmentResolve.minimumSeconds * 0.99, options: SolveOptions(), stop: SplitStop(seconds: .infinity)) == nil)
    }
}
