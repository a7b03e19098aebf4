import Foundation

/// A number read from a platform file, written either plainly (`16000000000`) or with a
/// unit (`16 GiB`, `900 GB/s`, `14 TFLOPS`, `10 us`).
///
/// Decimal prefixes k M G T P are powers of 1000, binary prefixes Ki Mi Gi Ti powers of
/// 1024. A time unit `s`, `ms`, `us`/`µs`, `ns` scales to seconds. Anything after the
/// prefix other than a time unit (B, B/s, FLOPS, FLOP/s) is a label and is not checked.
package struct Quantity: Sendable, Hashable {
    package var value: Double

    package init(_ value: Double) { self.value = value }

    /// Parses `text`, or returns nil when it is not a number with an optional unit.
    package init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let numberEnd = trimmed.firstIndex { !("0123456789.eE+-".contains($0)) } ?? trimmed.endIndex
        guard let number = Double(trimmed[..<numberEnd]) else { return nil }
        let unit = trimmed[numberEnd...].trimmingCharacters(in: .whitespaces)
        guard let scale = Quantity.scale(of: unit) else { return nil }
        // Divide for sub-unit scales so `10 us` is exactly the double nearest 1e-5.
        value = scale < 1 ? number / (1 / scale).rounded() : number * scale
    }

    static func scale(of unit: String) -> Double? {
        let times: [String: Double] = ["s": 1, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "ns": 1e-9]
        if unit.isEmpty { return 1 }
        if let t = times[unit] { return t }
        let binary: [String: Double] = ["Ki": 0x1p10, "Mi": 0x1p20, "Gi": 0x1p30, "Ti": 0x1p40]
        if unit.count >= 2, let b = binary[String(unit.prefix(2))] { return b }
        let decimal: [Character: Double] = ["k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15]
        if let first = unit.first, let d = decimal[first], unit.count > 1 { return d }
        let plainLabels: Set<String> = ["B", "B/s", "FLOPS", "FLOP/s", "bytes", "Bps"]
        return plainLabels.contains(unit) ? 1 : nil
    }
}

extension Quantity: Codable {
    package init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            value = number
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = Quantity(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a number with an optional unit (e.g. 16 GiB, 900 GB/s, 10 us), found '\(text)'")
        }
        self = parsed
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
