import Foundation
import SwiftProtobuf

/// The kinds of model file a command's MODEL argument may name, told apart by content,
/// never by file name.
package enum ModelFileFormat: String, Sendable, Hashable, CaseIterable {
    /// An ONNX `ModelProto` (protobuf).
    case onnx
    /// The package device-placement JSON of msr-fiddle/dnn-partitioning (`maxFPGAs`, `nodes`, `edges`).
    case deviceGraph
    /// DiviML's own problem JSON (`"format": "diviml-problem/1"`, docs/design.md §6).
    case problemJSON

    /// The format of the file at `path`, or nil when it is none of them.
    ///
    /// JSON is recognised by its first non-blank byte (`{`) and then by its top-level keys;
    /// anything else is tried as a protobuf `ModelProto` and counts as ONNX when it decodes
    /// with a graph, or when it starts like one (an `ir_version` field followed by another
    /// field of `ModelProto`) so that a truncated ONNX file reaches the ONNX reader and
    /// its precise error.
    /// - Throws: `InputError.unreadableFile` when the file cannot be read, `InputError.malformed`
    ///   at the line and column of a JSON syntax error when it starts with `{`.
    /// - Complexity: O(file size).
    package static func detect(path: String) throws -> ModelFileFormat? {
        let data = try readBinaryFile(path)
        guard let first = data.first(where: { !isJSONWhitespace($0) }) else { return nil }
        if first == UInt8(ascii: "{") { return try detectJSON(data, path: path) }
        if let model = try? Onnx_ModelProto(serializedBytes: data), model.hasGraph { return .onnx }
        return looksLikeModelProto(data) ? .onnx : nil
    }

    /// Whether the file at `path` is a PyTorch checkpoint or program rather than a model
    /// DiviML reads: named `.pt`, `.pt2` or `.pth`, or a zip archive (`torch.save` since
    /// PyTorch 1.6, `torch.export.save`) or a pickle stream (older `torch.save`).
    /// - Complexity: O(1) (reads the first bytes).
    package static func isPyTorch(path: String) -> Bool {
        let suffix = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if path.contains("."), ["pt", "pt2", "pth"].contains(suffix) { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 4)) ?? Data())
        let zip = head == [0x50, 0x4B, 0x03, 0x04]
        let pickle = head.count >= 2 && head[0] == 0x80 && (2...5).contains(head[1])
        return zip || pickle
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// - Throws: `InputError.malformed` at the line and column of a JSON syntax error, a
    ///   trailing comma or a repeated key.
    private static func detectJSON(_ data: Data, path: String) throws -> ModelFileFormat? {
        let keys = try checkJSONSyntax(data, file: path)
        if keys["format"] == .string(ProblemDocument.formatTag) { return .problemJSON }
        if keys["maxFPGAs"] != nil, keys["nodes"] == .array, keys["edges"] == .array { return .deviceGraph }
        return nil
    }

    /// Whether the bytes open with `ir_version` (field 1, varint) and then another
    /// `ModelProto` field tag: the prefix every ONNX exporter writes.
    private static func looksLikeModelProto(_ data: Data) -> Bool {
        var reader = ProtobufPrefixReader(bytes: [UInt8](data.prefix(64)))
        guard reader.readVarint() == 0x08, reader.readVarint() != nil, let tag = reader.readVarint() else { return false }
        let field = tag >> 3, wire = tag & 7
        return [2, 3, 4, 5, 6, 7, 8, 14, 20, 21, 25].contains(field) && wire <= 5
    }
}

/// Reads unsigned LEB128 varints from the start of a byte buffer.
struct ProtobufPrefixReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func readVarint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}

/// Reads a whole file as bytes, throwing `InputError.unreadableFile` with the path on failure.
package func readBinaryFile(_ path: String) throws -> Data {
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        let reason = FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file"
        throw InputError.unreadableFile(file: path, reason: reason)
    }
}
