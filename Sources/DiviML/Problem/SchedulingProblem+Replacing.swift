extension SchedulingProblem {
    /// This problem with the given parts replaced and the rest kept, validated again as any
    /// new problem is. Release times are kept only while the node count is unchanged and
    /// device-ready times only while the device count is (otherwise they start at 0), unless
    /// given.
    /// - Throws: `InputError` as `init(name:devices:host:latency:bandwidth:nodes:edges:io:release:deviceReady:source:)`.
    /// - Complexity: that of validation, O(|V|·|K| + |E| log |V|).
    public func replacing(
        name: String? = nil, devices: [DeviceInfo]? = nil, host: Int? = nil, latency: [[Double]]? = nil,
        bandwidth: [[Double]]? = nil, nodes: [Node]? = nil, edges: [Edge]? = nil, io: IOMode? = nil,
        release: [Double]? = nil, deviceReady: [Double]? = nil
    ) throws -> SchedulingProblem {
        let newNodes = nodes ?? self.nodes
        let newDevices = devices ?? self.devices
        return try SchedulingProblem(
            name: name ?? self.name, devices: newDevices, host: host ?? self.host, latency: latency ?? self.latency,
            bandwidth: bandwidth ?? self.bandwidth, nodes: newNodes, edges: edges ?? self.edges, io: io ?? self.io,
            release: release ?? (newNodes.count == self.nodes.count ? self.release : nil),
            deviceReady: deviceReady ?? (newDevices.count == self.devices.count ? self.deviceReady : nil),
            source: name ?? self.name)
    }
}
