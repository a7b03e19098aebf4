import Foundation

/// The fully costed problem as JSON (`"format": "diviml-problem/1"`, docs/design.md §6), so anyone
/// can check a plan independently. Host I/O pseudo-nodes are written as ordinary nodes.
/// Link matrices are K×K with the diagonal written as 0 and ignored on reading; optional
/// `release` (per node) and `deviceReady` (per device) carry context times.
struct ProblemDocument: Codable {
    struct DeviceEntry: Codable { var name: String; var kind: DeviceKind; var memoryBytes: Int64 }
    struct NodeEntry: Codable {
        var name: String
        var op: String
        var cost: [Double?]
        var paramBytes: Int64?
        var group: String?
    }
    struct EdgeEntry: Codable { var from: String; var to: String; var bytes: Int64 }
    struct Links: Codable { var latency: [[Double]]; var bandwidth: [[Double]] }

    var format: String
    var name: String?
    var devices: [DeviceEntry]
    var host: String
    var link: Links
    var nodes: [NodeEntry]
    var edges: [EdgeEntry]
    var io: SchedulingProblem.IOMode?
    var release: [Double]?
    var deviceReady: [Double]?

    static let formatTag = "diviml-problem/1"
}

extension SchedulingProblem {
    /// The problem as `diviml-problem/1` JSON.
    public func jsonData() throws -> Data {
        let k = deviceCount
        let diag = { (m: [[Double]]) in (0..<k).map { a in (0..<k).map { b in a == b ? 0 : m[a][b] } } }
        let doc = ProblemDocument(
            format: ProblemDocument.formatTag, name: name,
            devices: devices.map { .init(name: $0.name, kind: $0.kind, memoryBytes: $0.memoryBytes) },
            host: devices[host].name, link: .init(latency: diag(latency), bandwidth: diag(bandwidth)),
            nodes: nodes.map { .init(name: $0.name, op: $0.op, cost: $0.cost, paramBytes: $0.paramBytes, group: $0.group) },
            edges: edges.map { .init(from: nodes[$0.from].name, to: nodes[$0.to].name, bytes: $0.bytes) },
            io: io,
            release: release.contains { $0 != 0 } ? release : nil,
            deviceReady: deviceReady.contains { $0 != 0 } ? deviceReady : nil)
        return try JSONCoding.encoder.encode(doc)
    }

    /// Reads a `diviml-problem/1` document.
    /// - Parameter file: the name used in error messages.
    /// - Throws: `InputError` naming the file, the path inside it and what was expected.
    public static func fromJSON(_ data: Data, file: String) throws -> SchedulingProblem {
        try checkJSONSyntax(data, file: file)
        let doc = try ProblemDocument.readFast(data) ?? decodeJSON(ProblemDocument.self, from: data, file: file)
        guard doc.format == ProblemDocument.formatTag else {
            throw InputError.malformed(file: file, path: "format", expected: "'\(ProblemDocument.formatTag)', found '\(doc.format)'")
        }
        let deviceNames = doc.devices.map(\.name)
        guard let host = deviceNames.firstIndex(of: doc.host) else {
            throw InputError.unknownReference(file: file, path: "host", name: doc.host, known: deviceNames)
        }
        var index: [String: Int] = [:]
        for (i, n) in doc.nodes.enumerated() where index.updateValue(i, forKey: n.name) != nil {
            throw InputError.duplicateName(file: file, kind: "node", name: n.name)
        }
        let edges = try doc.edges.enumerated().map { i, e in
            guard let a = index[e.from] else { throw InputError.unknownReference(file: file, path: "edges[\(i)].from", name: e.from, known: Array(index.keys).sorted()) }
            guard let b = index[e.to] else { throw InputError.unknownReference(file: file, path: "edges[\(i)].to", name: e.to, known: Array(index.keys).sorted()) }
            return Edge(from: a, to: b, bytes: e.bytes)
        }
        let k = doc.devices.count
        let undiag = { (m: [[Double]], d: Double) in m.enumerated().map { a, row in row.enumerated().map { b, x in a == b ? d : x } } }
        return try SchedulingProblem(
            name: doc.name ?? file, devices: doc.devices.map { DeviceInfo(name: $0.name, kind: $0.kind, memoryBytes: $0.memoryBytes) },
            host: host, latency: k == doc.link.latency.count ? undiag(doc.link.latency, 0) : doc.link.latency,
            bandwidth: k == doc.link.bandwidth.count ? undiag(doc.link.bandwidth, .infinity) : doc.link.bandwidth,
            nodes: doc.nodes.map { Node(name: $0.name, op: $0.op, cost: $0.cost, paramBytes: $0.paramBytes ?? 0, group: $0.group) },
            edges: edges, io: doc.io ?? .host, release: doc.release, deviceReady: doc.deviceReady, source: file)
    }

    /// Reads a problem JSON file.
    public static func load(path: String) throws -> SchedulingProblem {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError.unreadableFile(file: path, reason: "no such file or not readable")
        }
        return try fromJSON(data, file: path)
    }
}

/// The JSON settings every file DiviML writes shares: pretty, keys sorted (stable diffs).
enum JSONCoding {
    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
