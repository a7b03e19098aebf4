import Foundation
@testable import DiviML

/// Paths of the ONNX fixtures written by `scripts/make-onnx-fixtures.py`.
enum ONNXFixtures {
    static let all = ["residual_block", "inception_block", "transformer_encoder", "symbolic_batch",
                      "missing_value_info", "external_data", "nested_and_custom", "op_coverage"]

    static var directory: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("onnx")
    }

    static func path(_ name: String) -> String { directory.appendingPathComponent(name + ".onnx").path }

    /// Per node, in file order, the output shapes `onnx.shape_inference` computed (nil
    /// where it could not); each dimension a number or a symbol.
    struct Expected: Decodable {
        var name: String
        var op: String
        var outputs: [[Dim]?]
    }

    enum Dim: Decodable, Equatable {
        case value(Int)
        case symbol(String)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let v = try? c.decode(Int.self) { self = .value(v) } else { self = .symbol(try c.decode(String.self)) }
        }
    }

    static func expected(_ name: String) throws -> [Expected] {
        let url = directory.appendingPathComponent(name + ".expected.json")
        return try JSONDecoder().decode([Expected].self, from: Data(contentsOf: url))
    }

    /// A fresh scratch directory under the system's temporary directory.
    static func scratchDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("diviml-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
