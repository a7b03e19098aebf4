/// Lower bounds on the optimal makespan and period (DESIGN §4, "Lower bounds").
///
/// Each bound is valid for every feasible schedule, so `bound <= makespan` holds for any
/// solver's answer; the plan reports the largest and the gap to it.
public enum LowerBounds {
    /// A named bound value.
    public struct Value: Sendable, Hashable {
        public var name: String
        public var seconds: Double
    }

    /// (a) The critical path with every node at its cheapest device and no transfers,
    /// starting from its release time: no schedule can finish a path sooner.
    /// - Complexity: O(|V|·|K| + |E|).
    public static func criticalPath(_ problem: SchedulingProblem) -> Double {
        var finish = [Double](repeating: 0, count: problem.nodes.count)
        for v in problem.topologicalOrder {
            let ready = problem.incoming[v].reduce(problem.release[v]) { max($0, finish[problem.edges[$1].from]) }
            let cheapestStart = problem.allowedDevices(v).map { max(ready, problem.cost(v, on: $0) > 0 ? problem.deviceReady[$0] : 0) }.min()!
            finish[v] = cheapestStart + problem.cheapestCost(v)
        }
        return finish.max() ?? 0
    }

    /// The average-load bound: all work at its cheapest, spread perfectly over the K
    /// devices, cannot finish before `Σ_v min_k cost[v][k] / K` (plus the mean of the
    /// device-ready times, which each device spends idle first). Weaker than the fluid
    /// LP bound, which it never exceeds.
    /// - Complexity: O(|V|·|K|).
    public static func averageLoad(_ problem: SchedulingProblem) -> Double {
        let k = Double(problem.deviceCount)
        let work = problem.nodes.indices.reduce(0.0) { $0 + problem.cheapestCost($1) }
        return (work + problem.deviceReady.reduce(0, +)) / k
    }

    /// Every latency bound this component computes, largest first.
    public static func latency(_ problem: SchedulingProblem) -> [Value] {
        [Value(name: "critical path", seconds: criticalPath(problem)),
         Value(name: "average load", seconds: averageLoad(problem))].sorted { $0.seconds > $1.seconds }
    }

    /// Period bounds for one pipeline: the average load over all devices, and the most
    /// expensive single node at its cheapest (it runs whole on one device every period).
    /// - Complexity: O(|V|·|K|).
    public static func period(_ problem: SchedulingProblem) -> [Value] {
        let work = problem.nodes.indices.reduce(0.0) { $0 + problem.cheapestCost($1) }
        let biggest = problem.nodes.indices.map { problem.cheapestCost($0) }.max() ?? 0
        return [Value(name: "average load", seconds: work / Double(problem.deviceCount)),
                Value(name: "largest node", seconds: biggest)].sorted { $0.seconds > $1.seconds }
    }
}
