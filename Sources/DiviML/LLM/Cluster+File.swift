import Foundation
import Yams

/// The on-disk form of a cluster (YAML or JSON).
///
/// ```yaml
/// name: mixed
/// gpus:
///   - {name: a100-80gb, memory: 80 GB, peakFlops: {fp16: 312 TFLOPS},
///      memoryBandwidth: 2039 GB/s, source: "..."}
/// servers:
///   - {name: a100-node, gpu: a100-80gb, gpusPerServer: 4, count: 2,
///      intraLink: {bandwidth: 300 GB/s, latency: 5 us, source: "..."}}
/// network: {bandwidth: 25 GB/s, latency: 10 us, source: "..."}
/// memoryReserve: 0.1   # optional
/// ```
struct ClusterFile: Codable {
    struct GPUEntry: Codable {
        var name: String
        var memory: Measured<SizeKind>
        var peakFlops: [String: Measured<FlopsKind>]
        var memoryBandwidth: Measured<RateKind>
        var computeEfficiency: Double?
        var memoryEfficiency: Double?
        var source: String?
    }

    struct LinkEntry: Codable {
        var bandwidth: Measured<RateKind>
        var latency: Measured<TimeKind>
        var source: String?
    }

    struct ServerEntry: Codable {
        var name: String
        var gpu: String
        var gpusPerServer: Int
        var count: Int?
        var intraLink: LinkEntry
    }

    var name: String
    var summary: String?
    var gpus: [GPUEntry]
    var servers: [ServerEntry]
    var network: LinkEntry
    var memoryReserve: Double?

    /// Every key a cluster file may use (docs/llm.md).
    static let schema: KeySchema = {
        let link = KeySchema.keys(["bandwidth": .any, "latency": .any, "source": .any])
        return .keys([
            "name": .any, "summary": .any, "memoryReserve": .any, "network": link,
            "gpus": .each(.keys(["name": .any, "memory": .any, "peakFlops": .named(.any), "memoryBandwidth": .any,
                                 "computeEfficiency": .any, "memoryEfficiency": .any, "source": .any])),
            "servers": .each(.keys(["name": .any, "gpu": .any, "gpusPerServer": .any, "count": .any, "intraLink": link])),
        ])
    }()
}

extension Cluster {
    /// Reads a cluster from YAML or JSON text.
    /// - Throws: `InputError` naming the file, the path inside it and what was expected.
    public static func parse(_ text: String, file: String) throws -> Cluster {
        try ClusterFile.schema.check(text, file: file)
        let entry: ClusterFile
        do {
            entry = try YAMLDecoder().decode(ClusterFile.self, from: text)
        } catch let error as DecodingError {
            throw InputError(decoding: error, file: file)
        } catch {
            throw InputError.malformed(file: file, path: "", expected: "valid YAML or JSON (\(error))")
        }
        return try entry.cluster(file: file)
    }

    /// Reads a cluster file from disk.
    public static func load(path: String) throws -> Cluster {
        try parse(readTextFile(path), file: path)
    }
}

extension ClusterFile {
    func cluster(file: String) throws -> Cluster {
        var specs: [String: GPUSpec] = [:]
        for (i, g) in gpus.enumerated() {
            guard specs[g.name] == nil else { throw InputError.duplicateName(file: file, kind: "GPU", name: g.name) }
            specs[g.name] = try g.spec(file: file, path: "gpus[\(i)]")
        }
        guard !servers.isEmpty else { throw InputError.malformed(file: file, path: "servers", expected: "at least one server") }
        try checkSizes(file: file)
        let net = try network.link(file: file, path: "network")
        var seen = Set<String>()
        let types = try servers.enumerated().map { i, s -> ServerType in
            let path = "servers[\(i)]"
            guard seen.insert(s.name).inserted else { throw InputError.duplicateName(file: file, kind: "server", name: s.name) }
            guard let gpu = specs[s.gpu] else {
                throw InputError.unknownReference(file: file, path: path + ".gpu", name: s.gpu, known: gpus.map(\.name))
            }
            let count = s.count ?? 1
            let intra = try s.intraLink.link(file: file, path: path + ".intraLink")
            guard intra.bandwidth >= net.bandwidth, intra.latency <= net.latency else {
                throw InputError.malformed(
                    file: file, path: path + ".intraLink",
                    expected: "a link at least as fast as the network (bandwidth >= \(net.bandwidth) B/s, latency <= \(net.latency) s)")
            }
            return ServerType(name: s.name, gpu: gpu, gpusPerServer: s.gpusPerServer, count: count, intraLink: intra)
        }
        let reserve = memoryReserve ?? 0.1
        guard reserve >= 0, reserve < 1 else {
            throw InputError.malformed(file: file, path: "memoryReserve", expected: "a fraction in [0, 1), found \(reserve)")
        }
        return Cluster(name: name, summary: summary ?? "", serverTypes: types, network: net, memoryReserve: reserve)
    }
}

extension ClusterFile {
    /// The most GPUs one server may have: 72, the largest single NVLink domain sold
    /// (NVIDIA GB200 NVL72).
    static let maximumGPUsPerServer = 72
    /// The most servers a cluster may have, all types together. The exact search grows
    /// exponentially with the servers (docs/llm.md, section 4): a few dozen identical
    /// servers already take minutes and gigabytes, so this bound only rejects files the
    /// search could never finish (1,000 servers), not every slow one.
    static let maximumServers = 64

    /// Checks every server's GPU count and the number of servers against the maximums.
    private func checkSizes(file: String) throws {
        for (i, s) in servers.enumerated() {
            guard (1...Self.maximumGPUsPerServer).contains(s.gpusPerServer) else {
                throw InputError.malformed(file: file, path: "servers[\(i)].gpusPerServer",
                                           expected: "an integer from 1 to \(Self.maximumGPUsPerServer), found \(s.gpusPerServer)")
            }
            let count = s.count ?? 1
            guard (1...Self.maximumServers).contains(count) else {
                throw InputError.malformed(file: file, path: "servers[\(i)].count",
                                           expected: "an integer from 1 to \(Self.maximumServers), found \(count)")
            }
        }
        let total = servers.reduce(0) { $0 + ($1.count ?? 1) }
        guard total <= Self.maximumServers else {
            throw InputError.malformed(file: file, path: "servers[].count",
                                       expected: "at most \(Self.maximumServers) servers in all, found \(total)")
        }
    }
}

extension ClusterFile.GPUEntry {
    func spec(file: String, path: String) throws -> GPUSpec {
        guard memory.value > 0, memory.value < 0x1p63 else {
            throw InputError.malformed(file: file, path: path + ".memory", expected: "a positive size below 8 EiB, found \(memory.value) B")
        }
        guard memoryBandwidth.value > 0, memoryBandwidth.value.isFinite else {
            throw InputError.malformed(file: file, path: path + ".memoryBandwidth",
                                       expected: "a positive finite bandwidth, found \(memoryBandwidth.value) B/s")
        }
        guard !peakFlops.isEmpty, peakFlops.values.allSatisfy({ $0.value > 0 && $0.value.isFinite }) else {
            throw InputError.malformed(file: file, path: path + ".peakFlops", expected: "positive dense FLOP/s per element type, e.g. {fp16: 312 TFLOPS}")
        }
        for (key, value) in [("computeEfficiency", computeEfficiency), ("memoryEfficiency", memoryEfficiency)] {
            if let v = value, !(v > 0 && v <= 1) {
                throw InputError.malformed(file: file, path: "\(path).\(key)", expected: "a fraction in (0, 1], found \(v)")
            }
        }
        return GPUSpec(name: name, memoryBytes: memory.value, peakFlops: peakFlops.mapValues(\.value),
                       memoryBandwidth: memoryBandwidth.value, computeEfficiency: computeEfficiency ?? 0.6,
                       memoryEfficiency: memoryEfficiency ?? 0.8, source: source ?? "")
    }
}

extension ClusterFile.LinkEntry {
    func link(file: String, path: String) throws -> LinkSpec {
        guard bandwidth.value > 0, bandwidth.value.isFinite, latency.value >= 0, latency.value.isFinite else {
            throw InputError.malformed(file: file, path: path,
                                       expected: "a finite bandwidth > 0 and a finite latency >= 0, found \(bandwidth.value) B/s and \(latency.value) s")
        }
        return LinkSpec(bandwidth: bandwidth.value, latency: latency.value, source: source ?? "")
    }
}
