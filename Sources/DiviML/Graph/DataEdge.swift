/// A tensor edge of a DAG: `bytes` move from node `from` to node `to` when the two run on
/// different devices. The one edge type of the graph model (`OpGraph.Edge`) and of the
/// costed problem (`SchedulingProblem.Edge`); indices are into the owner's node list.
public struct DataEdge: Sendable, Hashable, Codable {
    public var from: Int
    public var to: Int
    /// Bytes moved when `from` and `to` run on different devices.
    public var bytes: Int64

    public init(from: Int, to: Int, bytes: Int64) {
        self.from = from
        self.to = to
        self.bytes = bytes
    }
}
