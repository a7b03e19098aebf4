import Foundation

/// What handing a tensor between two devices costs, measured (by `diviml profile`, from the
/// runner's own workers): `latency + bytes / bandwidth` seconds, in both directions.
///
/// In a cost table it overrides the platform's link between the two devices, so that a plan
/// charges each cross-device edge what the runtime spends on it. For `diviml run`'s workers
/// the latency is a sub-model boundary: the consumer's wake-up and its extra sub-model call.
public struct MeasuredLink: Sendable, Hashable {
    public var between: (String, String)
    /// Seconds per transfer, whatever its size.
    public var latency: Double
    /// Bytes per second.
    public var bandwidth: Double

    public init(between a: String, _ b: String, latency: Double, bandwidth: Double) {
        between = (a, b)
        self.latency = latency
        self.bandwidth = bandwidth
    }

    /// The pair in name order, so that (a, b) and (b, a) are the same link.
    var key: [String] { [between.0, between.1].sorted() }

    public static func == (l: MeasuredLink, r: MeasuredLink) -> Bool {
        l.key == r.key && l.latency == r.latency && l.bandwidth == r.bandwidth
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(latency)
        hasher.combine(bandwidth)
    }

    /// The CSV header that starts the link rows of a cost table.
    static let csvHeader = ["device_a", "device_b", "latency_seconds", "bytes_per_second"]

    /// The CSV row of this link.
    var csvRow: String {
        "\(between.0),\(between.1),\(String(format: "%.9g", latency)),\(String(format: "%.9g", bandwidth))"
    }
}

extension Platform {
    /// This platform with the links in `links` replaced, in both directions; every other link
    /// (and every route through the host) as it was.
    /// - Precondition: every name is a device of this platform (`MeasuredCosts.load` checks).
    /// - Complexity: O(links).
    public func applying(_ links: [MeasuredLink]) -> Platform {
        var copy = self
        for link in links {
            guard let a = deviceIndex(link.between.0), let b = deviceIndex(link.between.1) else { continue }
            copy.latency[a][b] = link.latency
            copy.latency[b][a] = link.latency
            copy.bandwidth[a][b] = link.bandwidth
            copy.bandwidth[b][a] = link.bandwidth
        }
        return copy
    }
}
