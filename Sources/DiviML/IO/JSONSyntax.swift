import Foundation

/// A strict reading of JSON text (RFC 8259) that builds no values: it finds what
/// Foundation's readers report without a place or accept silently, and the top level's
/// keys, so that a file's format is told without parsing it twice.
///
/// Foundation's `JSONDecoder` and `JSONSerialization` accept a comma before `]` or `}` and
/// keep the first of two values under one key; both are errors here. Syntax errors come
/// with their line, column and the path to the value being read.
struct JSONSyntax {
    /// The kind of a top-level value, and its text (escapes resolved) when it is a string.
    enum TopLevelValue: Equatable {
        case string(String)
        case array
        case other
    }

    /// The first departure from strict JSON.
    struct Violation: Error, Equatable {
        /// `line L, column C` (1-based; columns count bytes).
        var location: String
        /// The path to the value being read (`nodes[3].cost`), empty at the top level.
        var path: String
        /// What was expected and what was found.
        var expected: String

        /// Where, as `InputError.malformed` shows it: `line 3, column 7 (nodes[3].cost)`.
        var place: String { path.isEmpty ? location : "\(location) (\(path))" }
    }

    /// The deepest nesting accepted (Foundation's readers refuse deeper documents too).
    static let maximumDepth = 512

    /// The top-level object's keys with their values' kinds; empty when the document is
    /// not an object.
    private(set) var topLevel: [String: TopLevelValue] = [:]

    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var frames: [Frame] = []

    private struct Frame {
        var isObject: Bool
        /// Arrays: the index of the element being read.
        var index = 0
        /// Objects: the key being read, as bytes.
        var key: Range<Int>?
        /// Objects: every key seen with its hash; indexed by hash once there are many.
        var seen: [(hash: UInt64, key: Range<Int>)] = []
        var seenByHash: [UInt64: [Range<Int>]]?
    }

    /// Objects with more keys than this look keys up by hash rather than one by one.
    private static let linearKeyLimit = 16

    /// Reads `data` strictly.
    /// - Throws: `Violation` at the first syntax error, trailing comma, repeated key or
    ///   nesting deeper than `maximumDepth`.
    /// - Complexity: O(|data|) time, O(depth + keys of the open objects) memory.
    static func check(_ data: Data) throws -> JSONSyntax {
        try data.withUnsafeBytes { raw in
            var reader = JSONSyntax(bytes: raw.bindMemory(to: UInt8.self))
            try reader.readDocument()
            return reader
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    // MARK: Grammar

    private mutating func readDocument() throws {
        skipWhitespace()
        try readValue()
        skipWhitespace()
        if offset < bytes.count { throw violation("the end of the document", found: describe(offset)) }
    }

    /// Reads one value; containers are read with an explicit stack, never recursion.
    private mutating func readValue() throws {
        try readScalarOrOpen()
        while !frames.isEmpty {
            skipWhitespace()
            let closing = frames[frames.count - 1].isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            guard offset < bytes.count else { throw violation("',' or '\(Character(UnicodeScalar(closing)))'", found: "the end of the file (it is truncated)") }
            if bytes[offset] == closing {
                offset += 1
                frames.removeLast()
                continue
            }
            guard bytes[offset] == UInt8(ascii: ",") else {
                throw violation("',' or '\(Character(UnicodeScalar(closing)))'", found: describe(offset))
            }
            offset += 1
            skipWhitespace()
            if offset < bytes.count, bytes[offset] == closing {
                throw violation("another value after the comma", found: "'\(Character(UnicodeScalar(closing)))' (a trailing comma)")
            }
            if frames[frames.count - 1].isObject {
                try readKey()
            } else {
                frames[frames.count - 1].index += 1
            }
            try readScalarOrOpen()
        }
    }

    /// Reads a scalar, or opens containers down to the first scalar or empty container,
    /// pushing a frame for each container left open.
    private mutating func readScalarOrOpen() throws {
        while try readScalarOrOpenOne() {}
    }

    /// Reads a scalar or an empty container (false), or opens a non-empty container and
    /// reads its first key (true: its first value is next).
    private mutating func readScalarOrOpenOne() throws -> Bool {
        skipWhitespace()
        guard offset < bytes.count else { throw violation("a value", found: "the end of the file (it is truncated)") }
        let start = offset
        switch bytes[offset] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isObject = bytes[offset] == UInt8(ascii: "{")
            noteTopLevel(isObject ? .other : .array)
            guard frames.count < Self.maximumDepth else {
                throw violation("at most \(Self.maximumDepth) nested arrays and objects", found: "deeper nesting")
            }
            offset += 1
            frames.append(Frame(isObject: isObject))
            skipWhitespace()
            if offset < bytes.count, bytes[offset] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                offset += 1
                frames.removeLast()
                return false
            }
            if isObject { try readKey() }
            return true
        case UInt8(ascii: "\""):
            let hasEscape = try readString()
            if frames.count == 1, frames[0].isObject {
                noteTopLevel(.string(String(decoding: hasEscape ? Self.unescaped(bytes[start..<offset]) : Array(bytes[(start + 1)..<(offset - 1)]), as: UTF8.self)))
            }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try readNumber()
            noteTopLevel(.other)
        case UInt8(ascii: "t"): try readLiteral("true")
        case UInt8(ascii: "f"): try readLiteral("false")
        case UInt8(ascii: "n"): try readLiteral("null")
        default:
            throw violation("a value (an object, array, string, number, true, false or null)", found: describe(offset))
        }
        return false
    }

    /// Reads `"key" :` inside the innermost object, refusing a key it already has.
    private mutating func readKey() throws {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
            throw violation("a key in double quotes", found: describe(offset))
        }
        let start = offset
        let hasEscape = try readString()
        let key = (start + 1)..<(offset - 1)
        let top = frames.count - 1
        frames[top].key = key
        let hash = hasEscape ? Self.fnv1a(Self.unescaped(bytes[start..<offset])) : Self.fnv1a(bytes[key])
        var repeated = false
        if let byHash = frames[top].seenByHash {
            repeated = byHash[hash]?.contains { self.sameKey($0, key) } ?? false
        } else {
            for seen in frames[top].seen where seen.hash == hash && sameKey(seen.key, key) {
                repeated = true
                break
            }
        }
        if repeated {
            let text = String(decoding: identity(of: key), as: UTF8.self)
            offset = start
            throw violation("each key at most once in an object", found: "'\(text)' a second time")
        }
        if frames[top].seenByHash != nil {
            frames[top].seenByHash![hash, default: []].append(key)
        } else {
            frames[top].seen.append((hash, key))
            if frames[top].seen.count > Self.linearKeyLimit {
                frames[top].seenByHash = Dictionary(grouping: frames[top].seen, by: \.hash).mapValues { $0.map(\.key) }
                frames[top].seen = []
            }
        }
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
            throw violation("':' after the key", found: describe(offset))
        }
        offset += 1
    }

    /// Reads a string literal from its opening quote; returns whether it holds an escape.
    private mutating func readString() throws -> Bool {
        offset += 1
        var hasEscape = false
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return hasEscape
            }
            if byte < 0x20 { throw violation("a control character escaped inside a string", found: String(format: "byte 0x%02X", byte)) }
            if byte == UInt8(ascii: "\\") {
                hasEscape = true
                offset += 1
                guard offset < bytes.count else { break }
                switch bytes[offset] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    offset += 1
                case UInt8(ascii: "u"):
                    guard offset + 4 < bytes.count, bytes[(offset + 1)...(offset + 4)].allSatisfy(Self.isHexDigit) else {
                        throw violation("four hexadecimal digits after '\\u'", found: describe(offset + 1))
                    }
                    offset += 5
                default:
                    throw violation("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", found: "'\\\(describe(offset).dropFirst())")
                }
                continue
            }
            offset += 1
        }
        throw violation("'\"' closing the string", found: "the end of the file (it is truncated)")
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func readNumber() throws {
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < bytes.count, Self.isDigit(bytes[offset]) else { throw violation("a digit", found: describe(offset)) }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
            if offset < bytes.count, Self.isDigit(bytes[offset]) { throw violation("no leading zero in a number", found: describe(offset)) }
        } else {
            skipDigits()
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard offset < bytes.count, Self.isDigit(bytes[offset]) else { throw violation("a digit after '.'", found: describe(offset)) }
            skipDigits()
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard offset < bytes.count, Self.isDigit(bytes[offset]) else { throw violation("a digit in the exponent", found: describe(offset)) }
            skipDigits()
        }
    }

    private mutating func readLiteral(_ word: StaticString) throws {
        let text = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard offset + text.count <= bytes.count, bytes[offset..<(offset + text.count)].elementsEqual(text) else {
            throw violation("a value (an object, array, string, number, true, false or null)", found: describe(offset))
        }
        offset += text.count
        noteTopLevel(.other)
    }

    // MARK: Helpers

    private mutating func noteTopLevel(_ value: TopLevelValue) {
        guard frames.count == 1, frames[0].isObject, let key = frames[0].key else { return }
        let name = String(decoding: bytes[key], as: UTF8.self)
        if topLevel[name] == nil { topLevel[name] = value }
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            let byte = bytes[offset]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            offset += 1
        }
    }

    private mutating func skipDigits() {
        while offset < bytes.count, Self.isDigit(bytes[offset]) { offset += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }

    /// Whether two keys (ranges without their quotes) are the same text.
    private func sameKey(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        if a.count == b.count, bytes[a].elementsEqual(bytes[b]) { return true }
        let escaped = bytes[a].contains(UInt8(ascii: "\\")) || bytes[b].contains(UInt8(ascii: "\\"))
        return escaped && identity(of: a) == identity(of: b)
    }

    /// A key's text with escapes resolved; `key` excludes the quotes.
    private func identity(of key: Range<Int>) -> [UInt8] {
        bytes[key].contains(UInt8(ascii: "\\")) ? Self.unescaped(bytes[(key.lowerBound - 1)..<(key.upperBound + 1)]) : Array(bytes[key])
    }

    /// FNV-1a over bytes: cheap, and collisions are checked byte by byte.
    private static func fnv1a<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// The UTF-8 of a string literal (quotes included) with its escapes resolved; only for
    /// keys that hold an escape, so that `"a"` and `"\u0061"` are the same key.
    private static func unescaped(_ literal: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
        let text = Data([UInt8(ascii: "[")] + Array(literal) + [UInt8(ascii: "]")])
        let value = (try? JSONSerialization.jsonObject(with: text)) as? [String]
        return Array((value?.first ?? String(decoding: literal, as: UTF8.self)).utf8)
    }

    /// The byte at `index` as the messages show it.
    private func describe(_ index: Int) -> String {
        guard index < bytes.count else { return "the end of the file (it is truncated)" }
        let byte = bytes[index]
        return (0x21...0x7E).contains(byte) ? "'\(Character(UnicodeScalar(byte)))'" : String(format: "byte 0x%02X", byte)
    }

    private func violation(_ expected: String, found: String) -> Violation {
        let at = min(offset, bytes.count)
        var line = 1, lineStart = 0
        for i in 0..<at where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        var path = ""
        for frame in frames {
            if !frame.isObject {
                path += "[\(frame.index)]"
            } else if let key = frame.key {
                let name = String(decoding: bytes[key], as: UTF8.self)
                path += path.isEmpty ? name : ".\(name)"
            }
        }
        return Violation(location: "line \(line), column \(at - lineStart + 1)", path: path, expected: "\(expected), found \(found)")
    }
}
