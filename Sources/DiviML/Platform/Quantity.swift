import Foundation

/// A number read from a platform or cluster file, written either plainly (`16000000000`) or
/// with a unit (`16 GiB`, `900 GB/s`, `14 TFLOPS`, `10 us`).
///
/// Decimal prefixes k M G T P are powers of 1000, binary prefixes Ki Mi Gi Ti powers of
/// 1024. A time unit `s`, `ms`, `us`/`µs`, `ns` scales to seconds. After the prefix the
/// unit must be one of B/bytes (a size), B/s/Bps/bytes/s (a rate), FLOPS/FLOP/s; a field
/// that reads a `Measured<Kind>` also checks that the unit is of its kind.
package struct Quantity: Sendable, Hashable {
    /// What a unit measures.
    package enum Dimension: String, Sendable {
        case time, size, rate, flops
    }

    package var value: Double
    /// The unit's dimension; nil for a plain number.
    package var dimension: Dimension?

    package init(_ value: Double) { self.value = value }

    /// Parses `text`, or returns nil when it is not a number with an optional known unit.
    package init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let numberEnd = trimmed.firstIndex { !("0123456789.eE+-".contains($0)) } ?? trimmed.endIndex
        guard let number = Double(trimmed[..<numberEnd]) else { return nil }
        let unit = trimmed[numberEnd...].trimmingCharacters(in: .whitespaces)
        guard let (scale, dimension) = Quantity.unit(unit) else { return nil }
        // Divide for sub-unit scales so `10 us` is exactly the double nearest 1e-5.
        value = scale < 1 ? number / (1 / scale).rounded() : number * scale
        self.dimension = dimension
    }

    /// The scale and dimension of `unit` (empty: a plain number), nil when it is not one.
    static func unit(_ unit: String) -> (scale: Double, dimension: Dimension?)? {
        if unit.isEmpty { return (1, nil) }
        let times: [String: Double] = ["s": 1, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "ns": 1e-9]
        if let t = times[unit] { return (t, .time) }
        let binary: [String: Double] = ["Ki": 0x1p10, "Mi": 0x1p20, "Gi": 0x1p30, "Ti": 0x1p40]
        let decimal: [String: Double] = ["k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15]
        let bases: [String: Dimension] = ["B": .size, "bytes": .size, "B/s": .rate, "Bps": .rate, "bytes/s": .rate,
                                          "FLOPS": .flops, "FLOP/s": .flops]
        if let d = bases[unit] { return (1, d) }
        for (prefixes, length) in [(binary, 2), (decimal, 1)] where unit.count > length {
            if let scale = prefixes[String(unit.prefix(length))], let d = bases[String(unit.dropFirst(length))] { return (scale, d) }
        }
        return nil
    }
}

/// What a field of a file measures, for `Measured`.
package protocol QuantityKind: Sendable {
    static var dimension: Quantity.Dimension { get }
    /// How the error names it, with an example: "a size such as 16 GiB".
    static var expected: String { get }
}

package enum SizeKind: QuantityKind {
    package static let dimension = Quantity.Dimension.size
    package static let expected = "a size such as 16 GiB"
}

package enum RateKind: QuantityKind {
    package static let dimension = Quantity.Dimension.rate
    package static let expected = "a bandwidth such as 900 GB/s"
}

package enum TimeKind: QuantityKind {
    package static let dimension = Quantity.Dimension.time
    package static let expected = "a time such as 10 us"
}

package enum FlopsKind: QuantityKind {
    package static let dimension = Quantity.Dimension.flops
    package static let expected = "a compute rate such as 14 TFLOPS"
}

/// A quantity whose unit, when written, must be of `Kind` (`bandwidth: 10 us` is an error
/// naming the field, not a bandwidth of 1e-5 B/s). Plain numbers are taken in base units.
package struct Measured<Kind: QuantityKind>: Sendable, Hashable, Codable {
    package var value: Double

    package init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        // YAML reads 0x10, 0o20 and 1_000 as numbers; a platform file means decimal.
        if let text = try? container.decode(String.self), Self.isNonDecimalNumber(text) {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected \(Kind.expected), found '\(text)'")
        }
        if let number = try? container.decode(Double.self) {
            value = number
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = Quantity(parsing: text), parsed.dimension == nil || parsed.dimension == Kind.dimension else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected \(Kind.expected), found '\(text)'")
        }
        value = parsed.value
    }

    /// Whether `text` is a number YAML reads in another base or with separators (`0x10`, `0o20`, `0b1`, `1_000`).
    static func isNonDecimalNumber(_ text: String) -> Bool {
        let digits = text.trimmingCharacters(in: .whitespaces).lowercased().drop { $0 == "+" || $0 == "-" }
        let based = ["0x", "0o", "0b"].contains { digits.hasPrefix($0) } && digits.count > 2 && digits.dropFirst(2).allSatisfy(\.isHexDigit)
        return based || (digits.contains("_") && digits.first?.isNumber == true)
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
