/// Host I/O pseudo-nodes (docs/design.md §2): graph inputs originate on the host and graph
/// outputs must arrive there, modelled as zero-cost nodes allowed only on the host.
public enum HostIO {
    /// Op type of the node that produces a graph input on the host.
    public static let inputOp = "HostInput"
    /// Op type of the node that collects a graph output on the host.
    public static let outputOp = "HostOutput"
}
