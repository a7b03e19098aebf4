import Foundation

/// A split in the result JSON of msr-fiddle/dnn-partitioning (what its latency greedy
/// prints and its `-computeLatency` mode reads): `fpgas[i].nodes` and `cpus[j].nodes`,
/// node ids of the device-placement file; `totalLatency` (the paper's own latency formula,
/// ms) and any other key (`load`, `maxLoad` of the human-expert files) are ignored on reading.
///
/// In our model (`schedule FILE --split SPLIT`): `fpgas[i]` runs on `acc<i>`; with one
/// `cpus` entry (as the greedy writes it) its nodes are list-scheduled onto the cores,
/// each to its earliest finish; with several, `cpus[j]` runs on `cpu<j>`.
struct DevicePlacementSplit: Codable {
    struct Machine: Codable {
        var nodes: [Int]
    }

    var fpgas: [Machine]
    var cpus: [Machine]

    init(_ split: PeerLatencyGreedy.Split, ids: [Int]) {
        fpgas = split.accelerators.map { Machine(nodes: $0.map { ids[$0] }) }
        cpus = [Machine(nodes: split.cpu.map { ids[$0] })]
    }

    /// The placement it gives `problem`, read from the input file's node ids (`ids[v]` is
    /// node v's id): a device per node, nil for a node to list-schedule onto the cores.
    /// - Throws: `InputError` naming `path` and the entry: an unknown or repeated node id,
    ///   a node in no entry, more `fpgas` than accelerators or `cpus` than cores, a node on
    ///   an accelerator it cannot run on, an accelerator's sizes over its memory, a colour
    ///   class on two devices.
    func placement(in problem: SchedulingProblem, ids: [Int], path: String) throws -> [Int?] {
        let accelerators = PeerLatencyGreedy.accelerators(problem)
        let cores = problem.devices.indices.filter { problem.devices[$0].kind != .accelerator }
        guard fpgas.count <= accelerators.count else {
            throw InputError.malformed(file: path, path: "fpgas", expected: "at most \(accelerators.count) accelerators (maxFPGAs), found \(fpgas.count)")
        }
        guard cpus.count <= max(1, cores.count) else {
            throw InputError.malformed(file: path, path: "cpus", expected: "at most \(cores.count) CPU cores (maxCPUs), found \(cpus.count)")
        }
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        var placement = [Int?](repeating: nil, count: problem.nodes.count)
        var seen = [Bool](repeating: false, count: problem.nodes.count)
        let entries = fpgas.enumerated().map { ("fpgas[\($0)]", $1.nodes, Optional(accelerators[$0])) }
            + cpus.enumerated().map { ("cpus[\($0)]", $1.nodes, cpus.count > 1 ? Optional(cores[$0]) : nil) }
        for (entry, nodes, device) in entries {
            var bytes: Int64 = 0
            for (i, id) in nodes.enumerated() {
                guard let v = index[id] else {
                    throw InputError.unknownReference(file: path, path: "\(entry).nodes[\(i)]", name: "\(id)", known: ids.prefix(12).map { "\($0)" })
                }
                guard !seen[v] else { throw InputError.duplicateName(file: path, kind: "node id in the split", name: "\(id)") }
                seen[v] = true
                placement[v] = device
                guard let k = device else { continue }
                guard problem.isAllowed(v, on: k) else {
                    throw InputError.malformed(file: path, path: "\(entry).nodes[\(i)]",
                                               expected: "a node that runs on an accelerator, found node \(id) (supportedOnFpga false)")
                }
                bytes = bytes &+ problem.nodes[v].paramBytes
            }
            if let k = device, bytes > problem.devices[k].memoryBytes {
                throw InputError.malformed(file: path, path: entry, expected: "nodes whose sizes fit \(problem.devices[k].name)'s "
                    + "\(formatBytes(problem.devices[k].memoryBytes)) (maxSizePerFPGA), found \(formatBytes(bytes))")
            }
        }
        let missing = seen.indices.filter { !seen[$0] }
        if let v = missing.first {
            throw InputError.malformed(file: path, path: "fpgas/cpus",
                                       expected: "every node of the input once, found \(missing.count) missing, the first node \(ids[v])")
        }
        for g in problem.groups.keys.sorted() {
            let devices = Set(problem.groups[g]!.map { placement[$0] })
            guard devices.count > 1 else { continue }
            let names = devices.map { $0.map { problem.devices[$0].name } ?? "the CPU" }.sorted()
            throw InputError.malformed(file: path, path: "fpgas/cpus",
                                       expected: "each colour class on one device, found class \(g.dropFirst("color".count)) on \(names.joined(separator: " and "))")
        }
        return placement
    }
}

/// The placement a split file (msr-fiddle's result JSON, `DevicePlacementSplit`) gives the
/// problem read from the device-placement file `input`.
/// - Throws: `InputError` naming the file and the entry (see `DevicePlacementSplit.placement`).
/// - Complexity: O(|V| + |E|) plus reading both files.
public func loadDevicePlacementSplit(path: String, input: String, problem: SchedulingProblem) throws -> [Int?] {
    let ids = try decodeJSON(DevicePlacementFile.self, from: try readBinaryFile(input), file: input).nodes.map(\.id)
    guard ids.count == problem.nodes.count else {
        throw InputError.malformed(file: input, path: "nodes", expected: "the nodes of the scheduled problem (\(problem.nodes.count)), found \(ids.count)")
    }
    let split = try decodeJSON(DevicePlacementSplit.self, from: try readBinaryFile(path), file: path)
    return try split.placement(in: problem, ids: ids, path: path)
}

/// The peer greedy's split of `problem` (read from the device-placement file `input`) as
/// msr-fiddle's result JSON, for its own `-computeLatency` mode or for `schedule --split`.
/// - Throws: `InputError` when `input` cannot be read.
public func devicePlacementSplitJSON(_ split: PeerLatencyGreedy.Split, input: String) throws -> Data {
    let ids = try decodeJSON(DevicePlacementFile.self, from: try readBinaryFile(input), file: input).nodes.map(\.id)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(DevicePlacementSplit(split, ids: ids))
}
