/// What sort of processor a device is.
public enum DeviceKind: String, Sendable, Hashable, Codable, CaseIterable {
    case cpu, gpu, accelerator
}

/// One processor of a platform, with what the roofline cost model needs to know of it.
public struct Device: Sendable, Hashable, Codable {
    public var name: String
    public var kind: DeviceKind
    /// Memory available for weights, bytes.
    public var memoryBytes: Int64
    /// Peak arithmetic throughput, FLOP/s, by element type (`fp32`, `fp16`, …).
    public var peakFlops: [String: Double]
    /// Peak memory bandwidth, bytes/s.
    public var memoryBandwidth: Double
    /// Fixed time added to every operator (kernel launch, dispatch), seconds.
    public var launchOverhead: Double
    /// Fraction of peak FLOP/s a typical kernel reaches.
    public var computeEfficiency: Double
    /// Fraction of peak bandwidth a typical kernel reaches.
    public var memoryEfficiency: Double
    /// The ONNX Runtime execution provider that runs this device in `diviml profile` and
    /// `diviml run` (`EP[:id]`, e.g. `CUDAExecutionProvider:0`); nil: the CPU provider, unless
    /// `--provider` names one.
    public var provider: String? = nil

    public init(
        name: String, kind: DeviceKind, memoryBytes: Int64, peakFlops: [String: Double],
        memoryBandwidth: Double, launchOverhead: Double,
        computeEfficiency: Double = 0.6, memoryEfficiency: Double = 0.8
    ) {
        self.name = name
        self.kind = kind
        self.memoryBytes = memoryBytes
        self.peakFlops = peakFlops
        self.memoryBandwidth = memoryBandwidth
        self.launchOverhead = launchOverhead
        self.computeEfficiency = computeEfficiency
        self.memoryEfficiency = memoryEfficiency
    }

    /// Peak FLOP/s for elements of `elementBytes` bytes: fp16 for 2, fp32 otherwise,
    /// falling back to fp32 when the device lists no fp16 figure.
    public func peak(elementBytes: Int) -> Double {
        if elementBytes <= 2, let half = peakFlops["fp16"] { return half }
        return peakFlops["fp32"] ?? peakFlops.values.max() ?? 0
    }
}
