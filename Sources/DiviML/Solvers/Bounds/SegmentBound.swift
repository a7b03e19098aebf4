/// The per-segment bound (docs/design.md §4, lower bound (c)).
///
/// Let s_1, …, s_m be the nodes of the graph without its fixed sources that are comparable
/// with every other such node (`comparableSplitPoints`: each other node is an ancestor or
/// a descendant; the split points, and the nodes an edge jumps over). Fixed sources are
/// zero-cost, so leaving them out of every chunk only relaxes the bound. Cut the other
/// nodes into chunks C_0 = {nodes up to and including s_1},
/// C_i = {nodes after s_i up to and including s_{i+1}}, C_m = {nodes after s_m}. Every
/// node of C_i (i >= 1) descends from s_i, so it starts after s_i finishes; every node of
/// C_i is an ancestor of s_{i+1} or s_{i+1} itself, so it finishes by s_{i+1}'s finish.
/// Hence C_i runs inside `[finish(s_i), finish(s_{i+1})]`, these windows are disjoint
/// and consecutive, and the makespan is at least the sum over chunks of a lower bound on
/// each chunk's span. Each split node lies in exactly one chunk, so it is counted once.
/// A chunk's span bound is max(critical path with transfers inside the chunk, fluid
/// load) of the chunk alone; for i >= 1 edges from outside the chunk, release and
/// device-ready times are dropped (relaxations). C_0 keeps the problem's release and
/// device-ready times, which apply from time 0, and the edges from the fixed sources
/// (their finish is their release, in absolute time), whose own finish is not counted:
/// a fixed source may feed only a later chunk.
/// - Complexity: O(|V|·|K| + |E|) plus one fluid LP per chunk.
enum SegmentBound {
    /// The chunks in topological order (a single chunk when there is no split point).
    static func chunks(_ problem: SchedulingProblem) -> [[Int]] {
        problem.chunksAtComparableNodes().chunks
    }

    /// The sum over chunks of max(critical path, fluid load).
    static func value(_ problem: SchedulingProblem) -> Double {
        chunkBounds(problem).reduce(0, +)
    }

    /// max(critical path with transfers, fluid load) of each chunk alone, in chunk order.
    static func chunkBounds(_ problem: SchedulingProblem) -> [Double] {
        let (chunks, fixed) = problem.chunksAtComparableNodes()
        return chunks.enumerated().map { i, chunk in
            let path = TransferCriticalPath.value(problem, members: i == 0 ? fixed + chunk : chunk,
                                                  reported: chunk, useReleases: i == 0)
            return max(path, FluidBound.latency(problem, members: chunk, useDeviceReady: i == 0))
        }
    }
}
