import Foundation
import Testing
@testable import DiviML

/// The weights-free torch.onnx exports of `scripts/make-exporter-corpus.py`
/// (Tests/DiviMLTests/Fixtures/exporters) and the manifest the script wrote from them.
enum ExporterCorpus {
    /// One exported file, as the script counted it in the ONNX graph.
    struct Entry: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var model: String
        var source: String
        var exporter: String
        var opset: Int
        var bytes: Int
        /// ONNX nodes in the file.
        var nodes: Int
        /// `Constant` nodes, `Identity` nodes of an initializer or a folded node, other
        /// nodes computing from constants only: the importer folds them into weights.
        var foldedConstants: Int
        var foldedIdentities: Int
        var foldedComputations: Int
        /// `nodes` less the folded ones: the operators the importer must make, and their types.
        var operators: Int
        var operatorTypes: [String: Int]
        /// Op types of all ONNX nodes.
        var opTypes: [String: Int]
        /// torchvision's GFLOPS for the model, from its weights' metadata (`_ops`).
        var publishedGFLOPS: Double?
        var imageSize: Int?

        var testDescription: String { file }
    }

    struct Omitted: Decodable, Sendable {
        var file: String
        var reason: String
    }

    struct Manifest: Decodable, Sendable {
        var files: [Entry]
        var omitted: [Omitted]
    }

    static var directory: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("exporters")
    }

    static func path(_ file: String) -> String { directory.appendingPathComponent(file).path }

    static let manifest: Manifest = {
        let url = directory.appendingPathComponent("manifest.json")
        guard let data = try? Data(contentsOf: url), let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else {
            return Manifest(files: [], omitted: [])
        }
        return manifest
    }()

    static var files: [Entry] { manifest.files }
}
