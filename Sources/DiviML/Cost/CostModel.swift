/// Seconds an operator takes on a device.
public protocol CostModel: Sendable {
    /// The cost of graph node `index` (operator `op`) on `device`, or nil when the
    /// operator may not run there.
    func cost(of op: Operator, index: Int, on device: Device, deviceIndex: Int) -> Double?
}

/// The roofline model (docs/design.md §3):
/// `launch_overhead + max(flops / (peak · computeEfficiency), bytes / (bandwidth · memoryEfficiency))`.
///
/// Zero-work operators (reshapes, host I/O) cost 0: they relabel a buffer and launch no kernel.
public struct RooflineCostModel: CostModel {
    public init() {}

    public func cost(of op: Operator, index: Int, on device: Device, deviceIndex: Int) -> Double? {
        let work = OperatorWork.of(op)
        if work.flops == 0 && work.bytes == 0 { return 0 }
        let compute = work.flops / (device.peak(elementBytes: op.elementBytes) * device.computeEfficiency)
        let memory = work.bytes / (device.memoryBandwidth * device.memoryEfficiency)
        return device.launchOverhead + max(compute, memory)
    }
}
