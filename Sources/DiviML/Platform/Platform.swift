/// Devices and the links between them (docs/design.md §2).
///
/// For every ordered pair (a, b), a ≠ b, a transfer of `n` bytes takes
/// `latency[a][b] + n / bandwidth[a][b]` seconds. One device is the host, where graph
/// inputs originate and outputs must arrive.
public struct Platform: Sendable, Hashable {
    public var name: String
    /// One line on what the machine is.
    public var summary: String
    public var devices: [Device]
    public var host: Int
    /// Link latency, seconds, `[from][to]`; the diagonal is unused.
    public var latency: [[Double]]
    /// Link bandwidth, bytes/s, `[from][to]`; the diagonal is unused.
    public var bandwidth: [[Double]]

    public init(
        name: String, summary: String = "", devices: [Device], host: Int,
        latency: [[Double]], bandwidth: [[Double]]
    ) {
        self.name = name
        self.summary = summary
        self.devices = devices
        self.host = host
        self.latency = latency
        self.bandwidth = bandwidth
    }

    /// Index of the device named `name`.
    public func deviceIndex(_ name: String) -> Int? {
        devices.firstIndex { $0.name == name }
    }

    /// Device name → the execution provider the platform names for it (`Device.provider`),
    /// for the devices that have one.
    public var providers: [String: String] {
        Dictionary(uniqueKeysWithValues: devices.compactMap { d in d.provider.map { (d.name, $0) } })
    }

    /// Seconds to move `bytes` from device `a` to device `b` (0 when a == b).
    @inlinable
    public func transferTime(bytes: Int64, from a: Int, to b: Int) -> Double {
        a == b ? 0 : latency[a][b] + Double(bytes) / bandwidth[a][b]
    }

    /// A copy with every device's memory multiplied by `factor` (memory-constrained what-ifs).
    public func scalingMemory(by factor: Double) -> Platform {
        var copy = self
        for i in copy.devices.indices {
            copy.devices[i].memoryBytes = Int64(Double(copy.devices[i].memoryBytes) * factor)
        }
        return copy
    }
}
