/// A serving target the exact engines enforce as a constraint rather than a filter
/// (issue 4, "Constrained objectives"; docs/formulations.md, "Service levels").
///
/// - `maxPeriod`: with the latency objective, the placement run as a pipeline must have a
///   period (largest device or directed-link load, `PipelineLoad`) of at most this many
///   seconds; a throughput floor of Y samples/s on a batch B is `maxPeriod = B / Y`.
/// - `maxLatency`: with the throughput objective, the single-pass schedule must end by
///   this many seconds.
public struct ServiceLevel: Sendable, Equatable {
    public var maxPeriod: Double?
    public var maxLatency: Double?

    public init(maxPeriod: Double? = nil, maxLatency: Double? = nil) {
        self.maxPeriod = maxPeriod
        self.maxLatency = maxLatency
    }
}
