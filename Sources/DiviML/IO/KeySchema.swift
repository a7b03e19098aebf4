import Foundation
import Yams

/// The keys a YAML or JSON input file may use, so that a misspelt key (`computeEfficency:`)
/// is an error with a "did you mean" instead of being ignored (Codable drops unknown keys).
///
/// A schema is checked against the composed document before it is decoded; only the keys
/// are checked here, values are the decoder's business.
/// - Complexity: O(size of the document).
package indirect enum KeySchema: Sendable {
    /// A value whose inner keys are not checked (a scalar, or a map of user-chosen names).
    case any
    /// A mapping with exactly these optional keys, each with its own schema.
    case keys([String: KeySchema])
    /// A sequence whose elements follow the schema.
    case each(KeySchema)
    /// A mapping whose keys are names the user chooses, each value following the schema.
    case named(KeySchema)

    /// Checks `text` (YAML or JSON) against the schema.
    /// - Throws: `InputError.unknownKey` naming the file, where the key is, the key and the known ones.
    ///   Text that is not YAML is left to the decoder, which words that error.
    package func check(_ text: String, file: String) throws {
        if let first = text.utf8.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            try checkJSONSyntax(Data(text.utf8), file: file)
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
            // The YAML decoder would say only "not valid YAML".
            throw InputError.malformed(file: file, path: "line \(context.mark.line), column \(context.mark.column)",
                                       expected: "each key at most once in a mapping, found \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) more than once")
        } catch {
            return
        }
        guard let node else { return }
        try check(node, file: file, path: "")
    }

    private func check(_ node: Node, file: String, path: String) throws {
        switch (self, node) {
        case let (.keys(known), .mapping(mapping)):
            for (key, value) in mapping {
                let name = key.string ?? "\(key)"
                guard let schema = known[name] else {
                    throw InputError.unknownKey(file: file, path: path, key: name, known: known.keys.sorted())
                }
                try schema.check(value, file: file, path: path.isEmpty ? name : "\(path).\(name)")
            }
        case let (.named(schema), .mapping(mapping)):
            for (key, value) in mapping { try schema.check(value, file: file, path: "\(path).\(key.string ?? "\(key)")") }
        case let (.each(schema), .sequence(sequence)):
            for (i, element) in sequence.enumerated() { try schema.check(element, file: file, path: "\(path)[\(i)]") }
        default:
            return  // a value of another shape is the decoder's to report
        }
    }
}
