/// One timeline of a plan as a chart draws it: a lane per device and one per directed
/// link that carries a transfer, a bar per node, a bar per transfer (on its link's lane,
/// in the first row free at its start, since transfers on one link may overlap), and
/// markers such as module boundaries.
///
/// Built from schedules, so a measured run (start and finish times taken from a trace)
/// can be drawn beside the planned one with the same type: only `label` differs.
public struct Timeline: Sendable, Equatable, Codable {
    public enum LaneKind: String, Sendable, Codable { case device, link }

    public struct Lane: Sendable, Equatable, Codable {
        public var name: String
        public var kind: LaneKind
        /// The device (kind `device`) or the link's source device.
        public var device: Int
        /// The link's destination device.
        public var destination: Int?
        /// Rows the lane needs so that no two of its bars overlap (1 for devices).
        public var rows: Int
    }

    public struct Bar: Sendable, Equatable, Codable {
        public var node: Int
        public var name: String
        public var op: String
        public var lane: Int
        public var start: Double
        public var finish: Double
        public var replica: Int?
        /// Whether the bar lies on the critical path of its pass.
        public var critical: Bool
    }

    public struct TransferBar: Sendable, Equatable, Codable {
        public var edge: Int
        /// Producer and consumer node names.
        public var from: String
        public var to: String
        public var lane: Int
        public var row: Int
        public var start: Double
        public var finish: Double
        public var bytes: Int64
        public var replica: Int?
        public var critical: Bool
    }

    public struct Marker: Sendable, Equatable, Codable {
        public var time: Double
        public var label: String
        public init(time: Double, label: String) {
            self.time = time
            self.label = label
        }
    }

    /// What the timeline shows, e.g. "planned" (later "measured").
    public var label: String
    /// The latest finish over all bars.
    public var span: Double
    public var lanes: [Lane]
    public var bars: [Bar]
    public var transfers: [TransferBar]
    public var markers: [Marker]

    /// The timeline of `passes` (one schedule per replica; a latency plan has one) on
    /// `problem`; bars on `critical[r]` (the critical path of pass r, when given) are marked.
    /// - Complexity: O(|V| + |E| log |E| + |K|²) per pass.
    public init(label: String, problem: SchedulingProblem, passes: [Schedule], critical: [CriticalPath?] = [],
                markers: [Marker] = []) {
        self.label = label
        self.markers = markers
        let names = problem.devices.map(\.name)
        lanes = names.indices.map { Lane(name: names[$0], kind: .device, device: $0, destination: nil, rows: 1) }
        bars = []
        var moves: [(transfer: Transfer, replica: Int?, critical: Bool)] = []
        for (r, pass) in passes.enumerated() {
            let replica = passes.count > 1 ? r : nil
            let path = r < critical.count ? critical[r] : nil
            let onPath = Set(path?.steps.filter { $0.kind == .node }.map(\.node) ?? [])
            let pathEdges = Set(path?.steps.compactMap(\.edge) ?? [])
            for v in problem.nodes.indices {
                bars.append(Bar(node: v, name: problem.nodes[v].name, op: problem.nodes[v].op, lane: pass.device[v],
                                start: pass.start[v], finish: pass.finish[v], replica: replica, critical: onPath.contains(v)))
            }
            moves += problem.transfers(of: pass).map { ($0, replica, pathEdges.contains($0.edge)) }
        }
        transfers = []
        var linkLane: [Int: Int] = [:]
        for pair in Set(moves.map { $0.transfer.sourceDevice * names.count + $0.transfer.destinationDevice }).sorted() {
            let (a, b) = (pair / names.count, pair % names.count)
            linkLane[pair] = lanes.count
            lanes.append(Lane(name: "\(names[a]) → \(names[b])", kind: .link, device: a, destination: b, rows: 1))
        }
        var rowEnds: [Int: [Double]] = [:]
        for m in moves.sorted(by: { ($0.transfer.start, $0.transfer.edge) < ($1.transfer.start, $1.transfer.edge) }) {
            let t = m.transfer
            let lane = linkLane[t.sourceDevice * names.count + t.destinationDevice]!
            var ends = rowEnds[lane, default: []]
            let row = ends.firstIndex { $0 <= t.start } ?? ends.count
            if row == ends.count { ends.append(t.finish) } else { ends[row] = t.finish }
            rowEnds[lane] = ends
            lanes[lane].rows = max(lanes[lane].rows, ends.count)
            let e = problem.edges[t.edge]
            transfers.append(TransferBar(edge: t.edge, from: problem.nodes[e.from].name, to: problem.nodes[e.to].name, lane: lane,
                                         row: row, start: t.start, finish: t.finish, bytes: e.bytes, replica: m.replica,
                                         critical: m.critical))
        }
        span = max(bars.map(\.finish).max() ?? 0, transfers.map(\.finish).max() ?? 0)
    }
}
