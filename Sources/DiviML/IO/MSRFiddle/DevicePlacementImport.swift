import Foundation

/// How a public device-placement file becomes a `SchedulingProblem` (docs/inputs.md,
/// "The public device-placement format"):
///
/// - Devices: `maxCPUs` CPU cores `cpu0…` (each runs one operator at a time, as every
///   device of docs/design.md §2 does; at least one) and `maxFPGAs` identical accelerators
///   `acc0…`. The host is `cpu0`; `io` is `free` (the files have no graph inputs).
/// - Costs: `cpuLatency` on every core, `fpgaLatency` on every accelerator when
///   `supportedOnFpga` (else the node may run on CPU cores only); milliseconds → seconds.
/// - Memory: `maxSizePerFPGA` bytes per accelerator; node `size` as its `paramBytes`.
///   CPU memory is not limited by the format: each core gets the total size of all nodes.
/// - Groups: `colorClass` k → group `color<k>` (all its nodes on one device).
/// - Transfers: an edge's `cost` is the accelerator↔CPU transfer time. Links are
///   `latency 0, bandwidth β` accelerator↔CPU with β the file's dominant rate
///   (the median of `size / cost` over edges with both; 1 GB/s when none), and the edge's
///   `bytes` are `cost × β`, so `bytes / β` reproduces `cost` exactly (and equals `size`
///   wherever `size / cost = β`). Accelerator↔accelerator goes through host memory: two
///   hops, bandwidth β/2, twice the cost — as the latency IP of the paper charges it
///   (a comm-out on the sender and a comm-in on the receiver). Core↔core shares memory:
///   bandwidth `sharedMemoryBandwidth`, i.e. free.
/// - Training graphs: backward nodes (`isBackwardNode`) are ordinary nodes of one
///   training iteration's DAG (forward then backward); `colorClass` keeps each weight's
///   forward and backward nodes together, as in the paper's throughput formulation.
enum DevicePlacementImport {
    /// Core-to-core "link" bandwidth: large enough that any tensor moves in < 1e-17 s.
    static let sharedMemoryBandwidth = 1e30
    /// Rate used when no edge has both a size and a cost.
    static let fallbackRate = 1e9

    /// The most devices (`maxCPUs` + `maxFPGAs`) a file may ask for: 1,024, fifty times the
    /// largest public file (22); the problem holds K² link entries and |V|·K costs.
    static let maximumDevices = 1024

    static func problem(from file: DevicePlacementFile, path: String) throws -> SchedulingProblem {
        guard file.maxFPGAs >= 0, (file.maxCPUs ?? 1) >= 0 else {
            throw InputError.malformed(file: path, path: "maxFPGAs/maxCPUs", expected: "non-negative device counts")
        }
        let cores = max(1, file.maxCPUs ?? 1)
        guard file.maxFPGAs <= maximumDevices - cores else {
            throw InputError.malformed(file: path, path: "maxFPGAs/maxCPUs",
                                       expected: "at most \(maximumDevices) devices in all, found \(file.maxFPGAs) + \(cores)")
        }
        let rate = transferRate(file.edges)
        let (nodes, index) = try makeNodes(file, path: path, cores: cores)
        guard let totalSize = checkedSum(nodes.map(\.paramBytes)), totalSize < .max else {
            throw InputError.malformed(file: path, path: "nodes[].size", expected: "sizes that add up to less than 8 EiB, found a larger sum")
        }
        var devices = (0..<cores).map { SchedulingProblem.DeviceInfo(name: "cpu\($0)", kind: .cpu, memoryBytes: totalSize + 1) }
        let accelerators = try file.maxSizePerFPGA.map { try bytes($0, at: "maxSizePerFPGA", path) } ?? totalSize + 1
        devices += (0..<file.maxFPGAs).map { SchedulingProblem.DeviceInfo(name: "acc\($0)", kind: .accelerator, memoryBytes: accelerators) }
        let edges = try file.edges.enumerated().map { i, e -> SchedulingProblem.Edge in
            guard let u = index[e.sourceId] else { throw unknownNode(e.sourceId, "edges[\(i)].sourceId", file, path) }
            guard let v = index[e.destId] else { throw unknownNode(e.destId, "edges[\(i)].destId", file, path) }
            guard e.cost.isFinite, e.cost >= 0 else {
                throw InputError.malformed(file: path, path: "edges[\(i)].cost", expected: "a finite non-negative time in ms, found \(e.cost)")
            }
            return SchedulingProblem.Edge(from: u, to: v, bytes: try bytes(e.cost / 1000 * rate, at: "edges[\(i)].cost", path,
                                                                       rounding: .toNearestOrAwayFromZero))
        }
        let k = devices.count
        let bandwidth = (0..<k).map { a in (0..<k).map { b -> Double in
            switch (a < cores, b < cores) {
            case (true, true): sharedMemoryBandwidth
            case (false, false): rate / 2
            default: rate
            }
        } }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try SchedulingProblem(
            name: name, devices: devices, host: 0, latency: [[Double]](repeating: [Double](repeating: 0, count: k), count: k),
            bandwidth: bandwidth, nodes: nodes, edges: edges, io: .free, source: path)
    }

    /// A byte count read (or derived) from the file, rounded by `rule`; an error naming
    /// `field` unless it is finite, non-negative and below 2^63 (8 EiB).
    static func bytes(_ value: Double, at field: String, _ path: String,
                      rounding rule: FloatingPointRoundingRule = .up) throws -> Int64 {
        let rounded = value.rounded(rule)
        guard rounded >= 0, rounded < 0x1p63 else {
            throw InputError.malformed(file: path, path: field, expected: "a byte count from 0 to below 8 EiB (2^63), found \(value)")
        }
        return Int64(rounded)
    }

    /// Median of `size / cost` (bytes per second) over edges with both positive (and a finite rate).
    /// - Complexity: O(|E| log |E|).
    static func transferRate(_ edges: [DevicePlacementFile.Edge]) -> Double {
        let rates = edges.compactMap { e -> Double? in
            guard let size = e.size, size > 0, e.cost > 0, e.cost.isFinite else { return nil }
            let rate = size / (e.cost / 1000)
            return rate.isFinite ? rate : nil
        }.sorted()
        return rates.isEmpty ? fallbackRate : rates[rates.count / 2]
    }

    private static func makeNodes(_ file: DevicePlacementFile, path: String, cores: Int)
        throws -> ([SchedulingProblem.Node], [Int: Int]) {
        var index: [Int: Int] = [:]
        var used = Set<String>()
        var nodes: [SchedulingProblem.Node] = []
        for (i, n) in file.nodes.enumerated() {
            guard index[n.id] == nil else { throw InputError.duplicateName(file: path, kind: "node id", name: "\(n.id)") }
            for (field, value) in [("cpuLatency", n.cpuLatency), ("fpgaLatency", n.fpgaLatency), ("size", n.size ?? 0)]
                where !(value.isFinite && value >= 0) {
                throw InputError.malformed(file: path, path: "nodes[\(i)].\(field)", expected: "a finite non-negative number, found \(value)")
            }
            var name = n.name.flatMap { $0.isEmpty ? nil : $0 } ?? "node\(n.id)"
            if used.contains(name) { name += "#\(n.id)" }
            used.insert(name)
            index[n.id] = nodes.count
            let onAccelerator: Double? = (n.supportedOnFpga?.value ?? true) ? n.fpgaLatency / 1000 : nil
            let cost = [Double?](repeating: n.cpuLatency / 1000, count: cores)
                + [Double?](repeating: onAccelerator, count: file.maxFPGAs)
            nodes.append(SchedulingProblem.Node(
                name: name, op: n.isBackwardNode?.value == true ? "Backward" : "Forward", cost: cost,
                paramBytes: try bytes(n.size ?? 0, at: "nodes[\(i)].size", path), group: n.colorClass.map { "color\($0)" }))
        }
        return (nodes, index)
    }

    private static func unknownNode(_ id: Int, _ at: String, _ file: DevicePlacementFile, _ path: String) -> InputError {
        .unknownReference(file: path, path: at, name: "\(id)", known: file.nodes.prefix(12).map { "\($0.id)" })
    }
}

/// Reads a file in the public device-placement format (msr-fiddle/dnn-partitioning) as a
/// validated problem; see `DevicePlacementImport` for every modelling choice.
/// - Throws: `InputError` naming the file and the field (unreadable, malformed JSON,
///   negative times, unknown node ids in edges, cycles, groups that fit nowhere).
/// - Complexity: O(|V|·K + |E| log |E|).
public func loadDevicePlacementProblem(path: String) throws -> SchedulingProblem {
    let data = try readBinaryFile(path)
    let file = try decodeJSON(DevicePlacementFile.self, from: data, file: path)
    return try DevicePlacementImport.problem(from: file, path: path)
}
