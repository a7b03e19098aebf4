import Foundation

/// Measured seconds per (node name, device name), overriding another model where present.
///
/// Read from CSV (`node,device,seconds`, that header optional) or JSON (`[{"node":…,"device":…,
/// "seconds":…}]` or `{"node": {"device": seconds}}`). A `null`/empty or negative entry
/// is an error; to forbid a device use a platform or problem constraint instead.
public struct MeasuredCosts: Sendable, Hashable {
    public private(set) var seconds: [String: [String: Double]] = [:]

    public init(_ seconds: [String: [String: Double]] = [:]) { self.seconds = seconds }

    /// Number of (node, device) entries.
    public var count: Int { seconds.values.reduce(0) { $0 + $1.count } }

    /// The measured cost, if any.
    public func lookup(node: String, device: String) -> Double? { seconds[node]?[device] }

    /// Reads a CSV or JSON table (the format is told by the first non-blank character) and
    /// checks that every row names a node of `graph` and a device of `platform`.
    /// - Throws: `InputError` naming the file and the row (`line 3`, `[2]`, `conv1.gpu`): a
    ///   malformed row, negative or non-finite seconds, an unknown node or device (with the
    ///   known names and a "did you mean").
    /// - Complexity: O(file size + |V|).
    public static func load(path: String, graph: OpGraph, platform: Platform) throws -> MeasuredCosts {
        let text = try readTextFile(path)
        let first = text.first { !$0.isWhitespace }
        let rows = first == "{" || first == "[" ? try jsonRows(text, file: path) : try csvRows(text, file: path)
        try check(rows, file: path, nodes: graph.nodes.map(\.name), devices: platform.devices.map(\.name))
        return MeasuredCosts(rows: rows)
    }

    /// One entry of a table, with where it is in the file (`line 3`, `[2]`, `conv1.gpu`).
    struct Row {
        var path: String
        var node: String
        var device: String
        var seconds: Double
    }

    init(rows: [Row]) {
        for row in rows { seconds[row.node, default: [:]][row.device] = row.seconds }
    }

    /// The exact header line a CSV table may start with.
    static let csvHeader = ["node", "device", "seconds"]

    static func parseCSV(_ text: String, file: String) throws -> MeasuredCosts {
        MeasuredCosts(rows: try csvRows(text, file: file))
    }

    static func parseJSON(_ text: String, file: String) throws -> MeasuredCosts {
        MeasuredCosts(rows: try jsonRows(text, file: file))
    }

    /// The rows of a CSV table; its first line that is not blank or a comment may be the
    /// header `node,device,seconds`, and is otherwise a row like every other.
    static func csvRows(_ text: String, file: String) throws -> [Row] {
        var rows: [Row] = []
        var first = true
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            defer { first = false }
            if first && fields == csvHeader { continue }
            guard fields.count == 3, let s = Double(fields[2]), s.isFinite, s >= 0 else {
                throw InputError.malformed(file: file, path: "line \(i + 1)", expected: "node,device,seconds with seconds >= 0"
                    + (first ? " (or the header 'node,device,seconds')" : "") + ", found '\(line)'")
            }
            rows.append(Row(path: "line \(i + 1)", node: fields[0], device: fields[1], seconds: s))
        }
        return rows
    }

    static func jsonRows(_ text: String, file: String) throws -> [Row] {
        struct Entry: Decodable { var node: String; var device: String; var seconds: Double }
        let data = Data(text.utf8)
        let rows: [Row]
        if text.first(where: { !$0.isWhitespace }) == "[" {
            rows = try decodeJSON([Entry].self, from: data, file: file).enumerated().map {
                Row(path: "[\($0)]", node: $1.node, device: $1.device, seconds: $1.seconds)
            }
        } else {
            let table = try decodeJSON([String: [String: Double]].self, from: data, file: file)
            rows = table.sorted { $0.key < $1.key }.flatMap { node, row in
                row.sorted { $0.key < $1.key }.map { Row(path: "\(node).\($0.key)", node: node, device: $0.key, seconds: $0.value) }
            }
        }
        for row in rows where !(row.seconds.isFinite && row.seconds >= 0) {
            throw InputError.malformed(file: file, path: row.path, expected: "seconds >= 0, found \(row.seconds)")
        }
        return rows
    }

    /// Throws at the first row whose node or device is not known.
    static func check(_ rows: [Row], file: String, nodes: [String], devices: [String]) throws {
        let nodeSet = Set(nodes), deviceSet = Set(devices)
        for row in rows {
            guard nodeSet.contains(row.node) else {
                throw InputError.unknownReference(file: file, path: row.path + " (node)", name: row.node, known: nodes)
            }
            guard deviceSet.contains(row.device) else {
                throw InputError.unknownReference(file: file, path: row.path + " (device)", name: row.device, known: devices)
            }
        }
    }
}

/// A cost model that answers from measurements where it has them and from `fallback`
/// elsewhere.
public struct OverlayCostModel: CostModel {
    public var measured: MeasuredCosts
    public var fallback: any CostModel

    public init(measured: MeasuredCosts, fallback: any CostModel = RooflineCostModel()) {
        self.measured = measured
        self.fallback = fallback
    }

    public func cost(of op: Operator, index: Int, on device: Device, deviceIndex: Int) -> Double? {
        measured.lookup(node: op.name, device: device.name)
            ?? fallback.cost(of: op, index: index, on: device, deviceIndex: deviceIndex)
    }
}
