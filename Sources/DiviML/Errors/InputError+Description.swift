import Foundation

/// The words users read for every `InputError`: each names the thing, what was expected,
/// what was found, and where possible the fix.
extension InputError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unknownName(kind, name, known):
            var text = "unknown \(kind) '\(name)'; known: \(known.joined(separator: ", "))"
            if let guess = closestName(to: name, in: known) { text += " (did you mean '\(guess)'?)" }
            return text
        case let .pyTorchFile(file):
            let name = (file.split(separator: "/").last.map(String.init) ?? file).split(separator: ".").first.map(String.init) ?? "model"
            return "\(file): a PyTorch file; diviml reads ONNX models, so export it first, in Python: "
                + "torch.onnx.export(model, example_input, \"\(name).onnx\") (add dynamic_axes={\"input\": {0: \"batch\"}} "
                + "so --batch applies), then pass \(name).onnx"
        case let .unreadableFile(file, reason):
            return "\(file): cannot be read: \(reason)"
        case let .unwritableFile(file, reason):
            return "\(file == "-" ? "standard output" : file): cannot be written: \(reason)"
        case let .malformed(file, path, expected):
            return path.isEmpty ? "\(file): \(expected)" : "\(file): at \(path): \(expected)"
        case let .duplicateName(file, kind, name):
            return "\(file): two \(kind)s are named '\(name)'; names must be unique"
        case let .unknownReference(file, path, name, known):
            let list = firstNames(known, 12)
            var text = "\(file): at \(path): '\(name)' is not defined; known: \(list)"
            if let guess = closestName(to: name, in: known) { text += " (did you mean '\(guess)'?)" }
            return text
        case let .unknownKey(file, path, key, known):
            var text = "\(file): " + (path.isEmpty ? "" : "at \(path): ") + "unknown key '\(key)'; known keys: \(known.joined(separator: ", "))"
            if let guess = closestName(to: key, in: known) { text += " (did you mean '\(guess)'?)" }
            return text
        case let .graphWiring(file, tensor, fault):
            return "\(file): " + fault.description(tensor: tensor)
        case let .unmatchedProfile(file, model, profiled, nodes):
            return "\(file): none of the trace's \(profiled.count) profiled node(s) (\(firstNames(profiled))) is a node of "
                + "'\(model)' (\(firstNames(nodes))); profile this model, with graph optimisations disabled so node names are kept"
        case let .cycle(nodes):
            return "the graph has a cycle: " + (nodes + nodes.prefix(1)).joined(separator: " -> ")
        case let .noAllowedDevice(node):
            return "node '\(node)' has a cost on no device, so it cannot be placed anywhere"
        case let .memoryShortfall(what, needed, device, available):
            return "\(what) needs \(formatBytes(needed)) but the largest device it may use, '\(device)', "
                + "has \(formatBytes(available)) (short by \(formatBytes(needed - available)))"
        case let .noWork(model):
            return "'\(model)' has no work to schedule: every node costs 0 s and no transfer takes time, so the plan "
                + "finishes at 0 s; give it nodes with a cost (an ONNX graph with operators, a problem file with costs above 0)"
        case let .invalidValue(what, value, allowed):
            return "\(what) is \(value); allowed: \(allowed)"
        case let .conflictingOptions(text):
            return text
        }
    }
}

extension GraphWiringFault {
    /// The fault in words, for tensor `tensor`.
    func description(tensor: String) -> String {
        let rule = "every tensor must have exactly one source: a node, an initializer or a graph input"
        switch self {
        case let .readByItsProducer(node):
            return "node '\(node)' reads its own output '\(tensor)'; a node's inputs must come from other nodes, initializers or graph inputs"
        case let .noSource(reader):
            return "node '\(reader)' reads '\(tensor)', which no node, initializer or graph input produces"
        case let .twoProducers(first, second):
            return "tensor '\(tensor)' is produced by both node '\(first)' and node '\(second)'; \(rule)"
        case let .producedAndGiven(node):
            return "tensor '\(tensor)' is a graph input or initializer and also an output of node '\(node)'; \(rule)"
        case .outputWithoutSource:
            return "graph output '\(tensor)' is produced by no node, initializer or graph input"
        }
    }
}

/// Up to `limit` names, with `…` when there are more.
func firstNames(_ names: [String], _ limit: Int = 5) -> String {
    names.count <= limit ? names.joined(separator: ", ") : names.prefix(limit).joined(separator: ", ") + ", …"
}

/// The known name closest to `name` by edit distance, when it is close enough to be a
/// plausible typo (at most a third of the name's length, and at most 3 edits).
func closestName(to name: String, in known: [String]) -> String? {
    let scored = known.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 > 0 || best.0 != name else { return nil }
    return best.1 <= min(3, max(1, name.count / 3)) ? best.0 : nil
}

/// Levenshtein distance. - Complexity: O(|a|·|b|).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var previous = row[0]
        row[0] = i
        for j in 1...max(b.count, 1) where !b.isEmpty {
            let old = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
            previous = old
        }
    }
    return row[b.count]
}

/// Bytes in the largest binary unit that keeps the number at or above 1, e.g. `1.5 GiB`.
public func formatBytes(_ bytes: Int64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(bytes)
    var unit = 0
    while abs(value) >= 1024 && unit < units.count - 1 {
        value /= 1024
        unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
}

/// `formatBytes` for a byte count in floating point (the LLM memory model): any value below
/// 2^63 in magnitude as the integer version prints it, larger or non-finite ones as `%.3g B`.
public func formatBytes(_ bytes: Double) -> String {
    abs(bytes) < 0x1p63 ? formatBytes(Int64(bytes.rounded())) : String(format: "%.3g B", bytes)
}
