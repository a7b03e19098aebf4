import Foundation
import Testing
@testable import DiviML

/// Whether the exact-engine tests run. Locally they are skipped, with `missing` as the
/// reason, where a library does not load; under CI (`CI=true`, as `.ci/run` sets) they
/// always run, so a missing library fails them instead of skipping them silently.
enum ExactLibraries {
    static let ortoolsLoads: Bool = (try? CPSATLibrary(environment: ProcessInfo.processInfo.environment)) != nil
    static let highsLoads: Bool = (try? HighsLibrary(environment: ProcessInfo.processInfo.environment)) != nil
    /// Under CI every solver library must load.
    static let required = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Run the CP-SAT (libortools) tests.
    static let ortools = ortoolsLoads || required
    /// Run the HiGHS (libhighs) tests.
    static let highs = highsLoads || required

    static let missing: Comment = "solver library not found: scripts/fetch-solvers.sh installs it (under CI=true this fails)"
}

/// Relative tolerance between an engine's optimum and the brute-force optimum. The CP-SAT
/// error is at most `roundingSlack / 2^29` relative (TickScale), about 3e-8 for 7 nodes;
/// HiGHS's is its gap and feasibility tolerances.
let exactTolerance = 1e-6

func close(_ a: Double, _ b: Double, _ tol: Double = exactTolerance) -> Bool {
    abs(a - b) <= tol * max(abs(a), abs(b), 1e-9)
}

/// Options that let the tests finish fast and deterministically.
let testOptions = SolveOptions(timeLimit: 30, seed: 7, workers: 2)

/// Checks a latency result: a schedule that passes the validator, a bound not above it.
func checkLatency(_ r: SolverResult, _ p: SchedulingProblem, seed: UInt64, sourceLocation: SourceLocation = #_sourceLocation) -> Schedule? {
    guard let s = r.schedule else {
        Issue.record("seed \(seed): \(r.solver) returned no schedule (\(r.status))", sourceLocation: sourceLocation)
        return nil
    }
    let violations = Validator.violations(of: s, for: p)
    #expect(violations.isEmpty, "seed \(seed): \(violations)", sourceLocation: sourceLocation)
    if let lb = r.lowerBound { #expect(lb <= s.makespan, "seed \(seed): bound \(lb) above makespan \(s.makespan)", sourceLocation: sourceLocation) }
    return s
}
