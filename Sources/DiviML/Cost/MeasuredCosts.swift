import Foundation

/// Measured seconds per (node name, device name), overriding another model where present,
/// and measured links between devices, overriding the platform's.
///
/// Read from CSV (`node,device,seconds`, that header optional; then, optionally, the header
/// `device_a,device_b,latency_seconds,bytes_per_second` and one row per measured link) or
/// JSON (`[{"node":…,"device":…, "seconds":…}]` or `{"node": {"device": seconds}}`; no
/// links). A `null`/empty or negative entry is an error; to forbid a device use a platform
/// or problem constraint instead.
public struct MeasuredCosts: Sendable, Hashable {
    public private(set) var seconds: [String: [String: Double]] = [:]
    /// Measured links, at most one per pair of devices, in file order.
    public private(set) var links: [MeasuredLink] = []

    public init(_ seconds: [String: [String: Double]] = [:], links: [MeasuredLink] = []) {
        self.seconds = seconds
        self.links = links
    }

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
    ///   A link row names two distinct devices of `platform`, a latency ≥ 0 and a bandwidth
    ///   > 0, once per pair.
    public static func load(path: String, graph: OpGraph, platform: Platform) throws -> MeasuredCosts {
        let text = try readTextFile(path)
        let first = text.first { !$0.isWhitespace }
        let table = first == "{" || first == "[" ? Table(rows: try jsonRows(text, file: path)) : try csvTable(text, file: path)
        let devices = platform.devices.map(\.name)
        try check(table.rows, file: path, nodes: graph.nodes.map(\.name), devices: devices)
        try check(table.links, file: path, devices: devices)
        return MeasuredCosts(rows: table.rows, links: table.links.map(\.link))
    }

    /// One entry of a table, with where it is in the file (`line 3`, `[2]`, `conv1.gpu`).
    struct Row {
        var path: String
        var node: String
        var device: String
        var seconds: Double
    }

    /// One link row of a CSV table, with its line (`line 40`).
    struct LinkRow {
        var path: String
        var link: MeasuredLink
    }

    /// The rows of a file: node rows, then link rows.
    struct Table {
        var rows: [Row]
        var links: [LinkRow] = []
    }

    init(rows: [Row], links: [MeasuredLink] = []) {
        for row in rows { seconds[row.node, default: [:]][row.device] = row.seconds }
        self.links = links
    }

    /// The exact header line a CSV table may start with.
    static let csvHeader = ["node", "device", "seconds"]

    static func parseCSV(_ text: String, file: String) throws -> MeasuredCosts {
        let table = try csvTable(text, file: file)
        return MeasuredCosts(rows: table.rows, links: table.links.map(\.link))
    }

    static func parseJSON(_ text: String, file: String) throws -> MeasuredCosts {
        MeasuredCosts(rows: try jsonRows(text, file: file))
    }

    /// The rows of a CSV table; its first line that is not blank or a comment may be the
    /// header `node,device,seconds`, and is otherwise a row like every other. The header
    /// `device_a,device_b,latency_seconds,bytes_per_second` ends the node rows: every row after
    /// it is a link.
    static func csvTable(_ text: String, file: String) throws -> Table {
        var table = Table(rows: [])
        var first = true, inLinks = false
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            defer { first = false }
            if first && fields == csvHeader { continue }
            if !inLinks && fields == MeasuredLink.csvHeader {
                inLinks = true
                continue
            }
            if inLinks {
                table.links.append(try linkRow(fields, line: line, number: i + 1, file: file))
                continue
            }
            guard fields.count == 3, let s = Double(fields[2]), s.isFinite, s >= 0 else {
                throw InputError.malformed(file: file, path: "line \(i + 1)", expected: "node,device,seconds with seconds >= 0"
                    + (first ? " (or the header 'node,device,seconds')" : " (or the link header '\(MeasuredLink.csvHeader.joined(separator: ","))')")
                    + ", found '\(line)'")
            }
            table.rows.append(Row(path: "line \(i + 1)", node: fields[0], device: fields[1], seconds: s))
        }
        return table
    }

    /// One row after the link header: two device names, latency ≥ 0, bandwidth > 0.
    static func linkRow(_ fields: [String], line: String, number: Int, file: String) throws -> LinkRow {
        guard fields.count == 4, let latency = Double(fields[2]), latency.isFinite, latency >= 0,
              let bandwidth = Double(fields[3]), bandwidth.isFinite, bandwidth > 0 else {
            throw InputError.malformed(file: file, path: "line \(number)",
                                       expected: "device_a,device_b,latency_seconds,bytes_per_second with latency >= 0 and bytes per second > 0, found '\(line)'")
        }
        guard fields[0] != fields[1] else {
            throw InputError.malformed(file: file, path: "line \(number)", expected: "a link between two different devices, found '\(fields[0])' twice")
        }
        return LinkRow(path: "line \(number)", link: MeasuredLink(between: fields[0], fields[1], latency: latency, bandwidth: bandwidth))
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

    /// Throws at the first link naming a device not in `devices`, or a pair already measured.
    static func check(_ links: [LinkRow], file: String, devices: [String]) throws {
        let deviceSet = Set(devices)
        var seen: [[String]: String] = [:]
        for row in links {
            for name in [row.link.between.0, row.link.between.1] where !deviceSet.contains(name) {
                throw InputError.unknownReference(file: file, path: row.path + " (device)", name: name, known: devices)
            }
            if let earlier = seen[row.link.key] {
                throw InputError.malformed(file: file, path: row.path,
                                           expected: "one row per pair of devices, found \(row.link.key.joined(separator: " and ")) again (first at \(earlier))")
            }
            seen[row.link.key] = row.path
        }
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
