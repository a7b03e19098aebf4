import Foundation
import Yams

extension NodeConstraints {
    /// The on-disk form (YAML or JSON):
    /// ```yaml
    /// notOn:            # devices each node may not use
    ///   conv1: [cpu]
    /// groups:           # nodes of one group run on one device
    ///   attention: [layer0.q, layer0.k, layer0.v]
    /// ```
    struct File: Codable {
        var notOn: [String: [String]]?
        var groups: [String: [String]]?
    }

    /// Reads constraints and checks every node and device name against `graph` and `platform`.
    /// - Throws: `InputError` naming the file, the entry and the unknown name.
    public static func load(path: String, graph: OpGraph, platform: Platform) throws -> NodeConstraints {
        let file: File
        do {
            let text = try readTextFile(path)
            try KeySchema.keys(["notOn": .named(.any), "groups": .named(.any)]).check(text, file: path)
            file = try YAMLDecoder().decode(File.self, from: text)
        } catch let error as DecodingError {
            throw InputError(decoding: error, file: path)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError.malformed(file: path, path: "", expected: "valid YAML or JSON (\(error))")
        }
        let nodeNames = Set(graph.nodes.map(\.name))
        let deviceNames = platform.devices.map(\.name)
        func checkNode(_ name: String, at entry: String) throws {
            guard nodeNames.contains(name) else {
                throw InputError.unknownReference(file: path, path: entry, name: name, known: graph.nodes.map(\.name))
            }
        }
        var result = NodeConstraints()
        for (node, devices) in (file.notOn ?? [:]).sorted(by: { $0.key < $1.key }) {
            try checkNode(node, at: "notOn.\(node)")
            for d in devices where !deviceNames.contains(d) {
                throw InputError.unknownReference(file: path, path: "notOn.\(node)", name: d, known: deviceNames)
            }
            result.disallowed[node] = Set(devices)
        }
        for (group, members) in (file.groups ?? [:]).sorted(by: { $0.key < $1.key }) {
            for m in members {
                try checkNode(m, at: "groups.\(group)")
                if let other = result.groups[m] {
                    throw InputError.malformed(file: path, path: "groups.\(group)", expected: "each node in one group; '\(m)' is also in '\(other)'")
                }
                result.groups[m] = group
            }
        }
        return result
    }
}

extension NodeConstraints {
    /// The constraints for `copies` micro-batch copies (`mb<i>/x`): each copy keeps its
    /// node's forbidden devices, and each group becomes one group per copy (copies may run
    /// on different devices). One copy: unchanged.
    public func expandedForCopies(_ copies: Int) -> NodeConstraints {
        guard copies > 1 else { return self }
        var result = NodeConstraints()
        for c in 0..<copies {
            for (node, devices) in disallowed { result.disallowed["mb\(c)/\(node)"] = devices }
            for (node, group) in groups { result.groups["mb\(c)/\(node)"] = "mb\(c)/\(group)" }
        }
        return result
    }
}
