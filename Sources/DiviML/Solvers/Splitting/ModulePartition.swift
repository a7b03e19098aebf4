/// The modules of the splitting heuristic (docs/design.md §4, splitting steps 1-2).
///
/// 1. Split points (`structuralSplitPoints`: those of the graph without its fixed
///    sources, which join the first module) cut the topological order into segments,
///    each ending at a split point (the last may not).
/// 2. Consecutive segments are merged while the module is below `minSize` and the merge
///    stays within `maxSize`.
/// 3. A module above `maxSize` (a RandWire stage, a wide block) is cut into pieces along
///    the topological order by `MinCrossingCut`; a contiguous range of a topological
///    order is convex (a path between two of its nodes visits only positions between
///    them), so every piece is convex and the pieces are ordered by dependency.
///
/// Every node is in exactly one module; modules are listed in an order compatible with
/// the edges, and a module's nodes are in topological order.
/// - Complexity: O(|V| + |E|) plus the cuts, O(n·maxSize) per cut module of n nodes.
public struct ModulePartition: Sendable {
    /// One module.
    public struct Module: Sendable, Hashable {
        /// Node indices in topological order.
        public var nodes: [Int]
        /// The split point that ends the module (its last node), if it ends at one.
        public var splitPoint: Int?
    }

    /// How a module above the maximum size is cut.
    public enum CutMethod: String, Sendable, CaseIterable {
        /// Min-crossing cut along the problem's topological order.
        case topological
        /// Min-crossing cut along a topological order that keeps modularity communities
        /// (Clauset-Newman-Moore) together.
        case communities
    }

    public var modules: [Module]
    public let minSize: Int
    public let maxSize: Int
    public let cutMethod: CutMethod

    /// Defaults chosen by `diviml bench quality --sweep` (see docs/benchmarks.md).
    public static let defaultMinSize = 8
    public static let defaultMaxSize = 30
    public static let defaultCutMethod = CutMethod.topological

    /// Partitions `problem`; `minSize >= 1`, `maxSize >= minSize`.
    public init(_ problem: SchedulingProblem, minSize: Int = defaultMinSize, maxSize: Int = defaultMaxSize,
                cutMethod: CutMethod = defaultCutMethod) {
        precondition(minSize >= 1 && maxSize >= minSize, "module sizes need 1 <= min <= max")
        self.minSize = minSize
        self.maxSize = maxSize
        self.cutMethod = cutMethod
        var (chunks, fixed) = problem.chunksAtSplitPoints()
        if chunks.isEmpty { chunks = [fixed] } else { chunks[0] = fixed + chunks[0] }
        let merged = Self.merge(chunks, problem: problem, minSize: minSize, maxSize: maxSize)
        modules = merged.flatMap { module -> [Module] in
            guard module.nodes.count > maxSize else { return [module] }
            var order = module.nodes
            if cutMethod == .communities {
                let labels = ModularityCommunities.detect(module.nodes, problem: problem)
                order = CommunityOrder.order(module.nodes, labels: labels, problem: problem)
            }
            let pieces = MinCrossingCut.pieces(of: order, problem: problem, maxSize: maxSize)
            return pieces.enumerated().map { i, nodes in
                Module(nodes: nodes, splitPoint: i == pieces.count - 1 ? module.splitPoint : nil)
            }
        }
    }

    /// Merges consecutive segments while below `minSize` and within `maxSize`.
    private static func merge(_ chunks: [[Int]], problem: SchedulingProblem, minSize: Int, maxSize: Int) -> [Module] {
        let splits = Set(problem.structuralSplitPoints())
        var modules: [Module] = []
        var current: [Int] = []
        for chunk in chunks {
            if !current.isEmpty, current.count >= minSize || current.count + chunk.count > maxSize {
                modules.append(Module(nodes: current, splitPoint: splits.contains(current.last!) ? current.last : nil))
                current = []
            }
            current += chunk
        }
        if !current.isEmpty { modules.append(Module(nodes: current, splitPoint: splits.contains(current.last!) ? current.last : nil)) }
        return modules
    }

    /// Which module each node is in.
    package func moduleOfNode(count: Int) -> [Int] {
        var owner = [Int](repeating: -1, count: count)
        for (m, module) in modules.enumerated() { for v in module.nodes { owner[v] = m } }
        return owner
    }

    /// The time each module but the last ends in `schedule` (its latest finish), for the
    /// Gantt chart's module-boundary markers.
    package func boundaries(in schedule: Schedule) -> [(time: Double, label: String)] {
        Self.boundaries(of: modules.map(\.nodes), in: schedule)
    }

    /// Where each module but the last ends in `schedule` (its last finish), labelled for a chart.
    static func boundaries(of modules: [[Int]], in schedule: Schedule) -> [(time: Double, label: String)] {
        modules.dropLast().enumerated().map { m, nodes in
            (nodes.map { schedule.finish[$0] }.max() ?? 0, "end of module \(m + 1) (\(nodes.count) nodes)")
        }
    }
}
