import Foundation

/// Throughput under a latency ceiling (`--max-latency` with `--solver exact` or `milp`): the engine
/// minimises the period with the single-pass makespan constrained to at most `maxLatency`
/// (`CPSATSolver.solveThroughput(_:maxLatency:options:)`). When no schedule meets the
/// ceiling, it solves the latency objective without it and throws `ServiceLevelUnreachable`
/// naming the lowest latency achievable.
/// - Complexity: one constrained CP-SAT solve; one more latency solve when infeasible.
public struct LatencyCeilingSolver: ThroughputSolver {
    public var engine: any LatencyCeilingEngine
    /// Seconds one pass may take.
    public var maxLatency: Double
    /// Shown in the error: the user's target with its unit.
    public var targetText: String
    public var name: String { engine.name }

    public init(engine: any LatencyCeilingEngine = CPSATSolver(), maxLatency: Double, targetText: String) {
        self.engine = engine
        self.maxLatency = maxLatency
        self.targetText = targetText
    }

    public func solveThroughput(_ problem: SchedulingProblem, options: SolveOptions) throws -> ThroughputResult {
        // The result carries the engine's own pass, the one the ceiling holds for (list
        // scheduling the same placement in another order could run past it).
        let result = try engine.solveThroughput(problem, maxLatency: maxLatency, options: options).result
        guard result.status.isInfeasible else { return result }
        let best = try engine.withoutServiceLevel.solve(problem, options: options)
        guard let s = best.schedule else { throw ServiceLevelUnreachable(target: targetText, best: "no schedule was found at all (\(best.status))") }
        let proven = best.status == .optimal ? "proven optimal" : "the best found; bound \(best.lowerBound.map { String(format: "%.4g s", $0) } ?? "unknown")"
        throw ServiceLevelUnreachable(target: targetText, best: "the lowest single-pass latency is \(String(format: "%.4g", s.makespan)) s (\(proven))")
    }
}

/// An exact engine that can minimise the period under a latency ceiling.
public protocol LatencyCeilingEngine: LatencySolver {
    func solveThroughput(_ problem: SchedulingProblem, maxLatency: Double, options: SolveOptions) throws
        -> (result: ThroughputResult, schedule: Schedule?)
    /// The same engine with no service level, for reporting the best latency achievable.
    var withoutServiceLevel: any LatencySolver { get }
}

extension CPSATSolver: LatencyCeilingEngine {
    public var withoutServiceLevel: any LatencySolver { var copy = self; copy.serviceLevel = nil; return copy }
}

extension MILPSolver: LatencyCeilingEngine {
    public var withoutServiceLevel: any LatencySolver { var copy = self; copy.serviceLevel = nil; return copy }
}
