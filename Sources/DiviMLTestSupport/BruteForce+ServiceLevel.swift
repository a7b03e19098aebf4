import DiviML
/// Exact optima of tiny problems under a service level (issue 4), by the enumeration of
/// `BruteForce`: the references for the constrained exact engines.
extension BruteForce {
    /// A schedule of minimum makespan among placements whose pipeline period
    /// (`PipelineLoad`) is at most `maxPeriod`, or nil when none is.
    /// - Complexity: as `latency(_:)`, skipping placements over the period.
    package static func latency(_ problem: SchedulingProblem, maxPeriod: Double) -> Schedule? {
        precondition(problem.nodes.count <= maxNodes, "brute force is for at most \(maxNodes) nodes")
        var best: Schedule?
        forEachSchedule(problem, where: { PipelineLoad(problem: problem, placement: $0).period <= maxPeriod }) { s in
            if best == nil || s.makespan < best!.makespan { best = s }
        }
        return best
    }

    /// A schedule of minimum period among schedules whose makespan is at most `maxLatency`
    /// (ties: smaller makespan), or nil when none is. A placement's best single-pass
    /// makespan is the least over its per-device orders, so the enumeration is exact.
    /// - Complexity: as `latency(_:)`.
    package static func throughput(_ problem: SchedulingProblem, maxLatency: Double) -> (schedule: Schedule, period: Double)? {
        precondition(problem.nodes.count <= maxNodes, "brute force is for at most \(maxNodes) nodes")
        var best: (schedule: Schedule, period: Double)?
        forEachSchedule(problem, where: { _ in true }) { s in
            guard s.makespan <= maxLatency else { return }
            let period = PipelineLoad(problem: problem, placement: s.device).period
            if best == nil || (period, s.makespan) < (best!.period, best!.schedule.makespan) { best = (s, period) }
        }
        return best
    }
}
