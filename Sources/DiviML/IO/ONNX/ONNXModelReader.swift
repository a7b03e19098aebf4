import Foundation
import SwiftProtobuf

/// Reads an ONNX file into the generated `Onnx_ModelProto`, turning every protobuf
/// failure into an `InputError` that names the file and what could not be read.
enum ONNXModelReader {
    /// Deepest nesting of subgraphs accepted (If/Loop bodies inside bodies).
    static let maxDepth = 200

    /// - Throws: `InputError.unreadableFile` when the file cannot be opened,
    ///   `InputError.malformed` when it is not a complete `ModelProto` with a graph.
    /// - Complexity: O(file size).
    static func read(path: String) throws -> Onnx_ModelProto {
        let data = try readBinaryFile(path)
        guard !data.isEmpty else { throw InputError.malformed(file: path, path: "", expected: "an ONNX model, found an empty file") }
        var options = BinaryDecodingOptions()
        options.messageDepthLimit = maxDepth
        let model: Onnx_ModelProto
        do {
            model = try Onnx_ModelProto(serializedBytes: data, options: options)
        } catch let error as BinaryDecodingError {
            throw InputError.malformed(file: path, path: "", expected: "an ONNX ModelProto (protobuf) in its \(data.count) bytes; \(reason(error))")
        } catch {
            throw InputError.malformed(file: path, path: "", expected: "an ONNX ModelProto (protobuf); \(error)")
        }
        guard model.hasGraph else {
            throw InputError.malformed(file: path, path: "graph", expected: "an ONNX model with a graph; the file decodes as protobuf but holds no graph (is it an ONNX file?)")
        }
        return model
    }

    private static func reason(_ error: BinaryDecodingError) -> String {
        switch error {
        case .truncated: "the data ends in the middle of a field (the file is truncated)"
        case .malformedProtobuf: "the bytes are not valid protobuf"
        case .invalidUTF8: "a string field is not valid UTF-8"
        case .messageDepthLimit: "subgraphs are nested more than \(maxDepth) levels deep"
        case .trailingGarbage: "there are bytes after the end of the message"
        default: "the protobuf data could not be decoded (\(error))"
        }
    }

    /// The default-domain opset the model imports (13 when it lists none).
    static func opset(of model: Onnx_ModelProto) -> Int {
        let entry = model.opsetImport.first { $0.domain.isEmpty || $0.domain == "ai.onnx" }
        return entry.map { Int($0.version) } ?? 13
    }
}
