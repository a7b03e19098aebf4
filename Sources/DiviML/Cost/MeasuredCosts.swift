import Foundation

/// Measured seconds per (node name, device name), overriding another model where present.
///
/// Read from CSV (`node,device,seconds`, header optional) or JSON (`[{"node":…,"device":…,
/// "seconds":…}]` or `{"node": {"device": seconds}}`). A `null`/empty or negative entry
/// is an error; to forbid a device use a platform or problem constraint instead.
public struct MeasuredCosts: Sendable, Hashable {
    public private(set) var seconds: [String: [String: Double]] = [:]

    public init(_ seconds: [String: [String: Double]] = [:]) { self.seconds = seconds }

    /// Number of (node, device) entries.
    public var count: Int { seconds.values.reduce(0) { $0 + $1.count } }

    /// The measured cost, if any.
    public func lookup(node: String, device: String) -> Double? { seconds[node]?[device] }

    /// Reads a CSV or JSON table; the format is told by the first non-blank character.
    public static func load(path: String) throws -> MeasuredCosts {
        let text = try readTextFile(path)
        let first = text.first { !$0.isWhitespace }
        return first == "{" || first == "[" ? try parseJSON(text, file: path) : try parseCSV(text, file: path)
    }

    static func parseCSV(_ text: String, file: String) throws -> MeasuredCosts {
        var table = MeasuredCosts()
        for (i, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if i == 0 && fields.count >= 3 && Double(fields[2]) == nil { continue } // header
            guard fields.count == 3, let s = Double(fields[2]), s.isFinite, s >= 0 else {
                throw InputError.malformed(file: file, path: "line \(i + 1)", expected: "node,device,seconds with seconds >= 0, found '\(line)'")
            }
            table.seconds[fields[0], default: [:]][fields[1]] = s
        }
        return table
    }

    static func parseJSON(_ text: String, file: String) throws -> MeasuredCosts {
        struct Row: Decodable { var node: String; var device: String; var seconds: Double }
        let data = Data(text.utf8)
        do {
            var table = MeasuredCosts()
            if text.first(where: { !$0.isWhitespace }) == "[" {
                for row in try JSONDecoder().decode([Row].self, from: data) { table.seconds[row.node, default: [:]][row.device] = row.seconds }
            } else {
                table.seconds = try JSONDecoder().decode([String: [String: Double]].self, from: data)
            }
            for (node, row) in table.seconds { for (device, s) in row where !(s.isFinite && s >= 0) {
                throw InputError.malformed(file: file, path: "\(node).\(device)", expected: "seconds >= 0, found \(s)")
            } }
            return table
        } catch let error as DecodingError {
            throw InputError(decoding: error, file: file, data: data)
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
