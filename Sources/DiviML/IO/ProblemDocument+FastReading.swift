import Foundation

extension ProblemDocument {
    /// Reads a problem document straight from JSON bytes that `JSONSyntax` has accepted,
    /// without Foundation's decoder (which needs about 20 s for a million nodes).
    ///
    /// Only well-formed documents are read here: at the first value of an unexpected type,
    /// a missing key, an integer that is not a whole `Int64` or an unknown enumeration
    /// case it returns nil, and the caller decodes with `JSONDecoder`, whose error (worded
    /// by `decodeJSON`) is the one reported. Unknown keys are skipped, as `Codable` skips them.
    /// - Precondition: `data` is strict JSON (checked by `JSONSyntax.check`).
    /// - Complexity: O(|data|).
    static func readFast(_ data: Data) -> ProblemDocument? {
        data.withUnsafeBytes { raw in
            var cursor = JSONCursor(bytes: raw.bindMemory(to: UInt8.self))
            return try? cursor.problemDocument()
        }
    }
}

/// Not the fast reader's to report: decode with `JSONDecoder` instead.
private struct NotFastReadable: Error {}

/// A forward-only reader over strict JSON bytes.
private struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func problemDocument() throws -> ProblemDocument {
        var format: String?, name: String?, host: String?, io: SchedulingProblem.IOMode?
        var devices: [ProblemDocument.DeviceEntry]?, link: ProblemDocument.Links?
        var nodes: [ProblemDocument.NodeEntry]?, edges: [ProblemDocument.EdgeEntry]?
        var release: [Double]?, deviceReady: [Double]?
        try object { key, cursor in
            switch key {
            case "format": format = try cursor.string()
            case "name": name = try cursor.optional { try $0.string() }
            case "host": host = try cursor.string()
            case "io": io = try cursor.optional { try $0.enumeration(SchedulingProblem.IOMode.self) }
            case "devices": devices = try cursor.array { try $0.device() }
            case "link": link = try cursor.links()
            case "nodes": nodes = try cursor.array { try $0.node() }
            case "edges": edges = try cursor.array { try $0.edge() }
            case "release": release = try cursor.optional { try $0.array { try $0.double() } }
            case "deviceReady": deviceReady = try cursor.optional { try $0.array { try $0.double() } }
            default: try cursor.skipValue()
            }
        }
        guard let format, let devices, let host, let link, let nodes, let edges else { throw NotFastReadable() }
        return ProblemDocument(format: format, name: name, devices: devices, host: host, link: link, nodes: nodes,
                               edges: edges, io: io, release: release, deviceReady: deviceReady)
    }

    mutating func device() throws -> ProblemDocument.DeviceEntry {
        var name: String?, kind: DeviceKind?, memory: Int64?
        try object { key, cursor in
            switch key {
            case "name": name = try cursor.string()
            case "kind": kind = try cursor.enumeration(DeviceKind.self)
            case "memoryBytes": memory = try cursor.int64()
            default: try cursor.skipValue()
            }
        }
        guard let name, let kind, let memory else { throw NotFastReadable() }
        return .init(name: name, kind: kind, memoryBytes: memory)
    }

    mutating func links() throws -> ProblemDocument.Links {
        var latency: [[Double]]?, bandwidth: [[Double]]?
        try object { key, cursor in
            switch key {
            case "latency": latency = try cursor.array { try $0.array { try $0.double() } }
            case "bandwidth": bandwidth = try cursor.array { try $0.array { try $0.double() } }
            default: try cursor.skipValue()
            }
        }
        guard let latency, let bandwidth else { throw NotFastReadable() }
        return .init(latency: latency, bandwidth: bandwidth)
    }

    mutating func node() throws -> ProblemDocument.NodeEntry {
        var name: String?, op: String?, cost: [Double?]?, paramBytes: Int64?, group: String?
        try object { key, cursor in
            switch key {
            case "name": name = try cursor.string()
            case "op": op = try cursor.string()
            case "cost": cost = try cursor.array { try $0.optional { try $0.double() } }
            case "paramBytes": paramBytes = try cursor.optional { try $0.int64() }
            case "group": group = try cursor.optional { try $0.string() }
            default: try cursor.skipValue()
            }
        }
        guard let name, let op, let cost else { throw NotFastReadable() }
        return .init(name: name, op: op, cost: cost, paramBytes: paramBytes, group: group)
    }

    mutating func edge() throws -> ProblemDocument.EdgeEntry {
        var from: String?, to: String?, size: Int64?
        try object { key, cursor in
            switch key {
            case "from": from = try cursor.string()
            case "to": to = try cursor.string()
            case "bytes": size = try cursor.int64()
            default: try cursor.skipValue()
            }
        }
        guard let from, let to, let size else { throw NotFastReadable() }
        return .init(from: from, to: to, bytes: size)
    }

    // MARK: Values

    mutating func skipWhitespace() {
        while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == 0x0A || bytes[offset] == 0x0D || bytes[offset] == 0x09 {
            offset += 1
        }
    }

    mutating func expect(_ byte: UInt8) throws {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == byte else { throw NotFastReadable() }
        offset += 1
    }

    /// Whether the next value is `null` (consumed if so).
    mutating func null() -> Bool {
        skipWhitespace()
        guard offset + 4 <= bytes.count, bytes[offset] == UInt8(ascii: "n") else { return false }
        offset += 4
        return true
    }

    mutating func optional<T>(_ read: (inout JSONCursor) throws -> T) throws -> T? {
        null() ? nil : try read(&self)
    }

    /// Calls `member` with each key, the cursor at its value, which `member` must consume.
    mutating func object(_ member: (String, inout JSONCursor) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return
        }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(key, &self)
            skipWhitespace()
            guard offset < bytes.count else { throw NotFastReadable() }
            offset += 1
            if bytes[offset - 1] == UInt8(ascii: "}") { return }
            guard bytes[offset - 1] == UInt8(ascii: ",") else { throw NotFastReadable() }
        }
    }

    mutating func array<T>(_ element: (inout JSONCursor) throws -> T) throws -> [T] {
        try expect(UInt8(ascii: "["))
        var result: [T] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            return result
        }
        while true {
            result.append(try element(&self))
            skipWhitespace()
            guard offset < bytes.count else { throw NotFastReadable() }
            offset += 1
            if bytes[offset - 1] == UInt8(ascii: "]") { return result }
            guard bytes[offset - 1] == UInt8(ascii: ",") else { throw NotFastReadable() }
        }
    }

    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = offset
        var escaped = false
        while bytes[offset] != UInt8(ascii: "\"") {
            if bytes[offset] == UInt8(ascii: "\\") {
                escaped = true
                offset += 1
            }
            offset += 1
        }
        offset += 1
        guard escaped else {
            // Foundation refuses malformed UTF-8; so must this reader (no silent repair).
            guard let text = String(validating: bytes[start..<(offset - 1)], as: UTF8.self) else { throw NotFastReadable() }
            return text
        }
        let literal = Data(bytes[(start - 1)..<offset])
        guard let text = (try? JSONSerialization.jsonObject(with: literal, options: [.fragmentsAllowed])) as? String else {
            throw NotFastReadable()
        }
        return text
    }

    mutating func enumeration<T: RawRepresentable>(_ type: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw NotFastReadable() }
        return value
    }

    /// The extent of the number at the cursor, which the syntax check has found well-formed.
    mutating func numberRange() throws -> Range<Int> {
        skipWhitespace()
        let start = offset
        while offset < bytes.count, Self.isNumberByte(bytes[offset]) { offset += 1 }
        guard offset > start else { throw NotFastReadable() }
        return start..<offset
    }

    static func isNumberByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x2B || byte == 0x2E || byte == 0x65 || byte == 0x45
    }

    mutating func double() throws -> Double {
        let range = try numberRange()
        var buffer = [CChar](repeating: 0, count: range.count + 1)
        for (i, byte) in bytes[range].enumerated() { buffer[i] = CChar(bitPattern: byte) }
        let value = buffer.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
        // JSONDecoder refuses a number beyond Double's range; so must this reader.
        guard value.isFinite else { throw NotFastReadable() }
        return value
    }

    /// A whole number in Int64's range, written without fraction or exponent.
    mutating func int64() throws -> Int64 {
        let range = try numberRange()
        var value: Int64 = 0
        let negative = bytes[range.lowerBound] == UInt8(ascii: "-")
        for byte in bytes[(negative ? range.lowerBound + 1 : range.lowerBound)..<range.upperBound] {
            guard (0x30...0x39).contains(byte) else { throw NotFastReadable() }
            let digit = Int64(byte - 0x30)
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !o1, !o2 else { throw NotFastReadable() }
            value = next
        }
        return value
    }

    /// Skips any value (its syntax already checked).
    mutating func skipValue() throws {
        skipWhitespace()
        guard offset < bytes.count else { throw NotFastReadable() }
        switch bytes[offset] {
        case UInt8(ascii: "{"): try object { _, cursor in try cursor.skipValue() }
        case UInt8(ascii: "["): _ = try array { try $0.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "n"): offset += 4
        case UInt8(ascii: "f"): offset += 5
        default: _ = try numberRange()
        }
    }
}
