import Foundation
import Yams

/// The on-disk form of a platform (YAML or JSON; schema in docs/formats.md).
///
/// ```yaml
/// name: cpu-gpu
/// host: cpu
/// devices:
///   - {name: cpu, kind: cpu, memory: 64 GiB, peakFlops: {fp32: 1.7 TFLOPS},
///      memoryBandwidth: 51.2 GB/s, launchOverhead: 2 us, source: "..."}
/// links:
///   - {between: [cpu, gpu], latency: 10 us, bandwidth: 24 GB/s, source: "..."}
/// ```
/// A link listed with `between` holds both directions; one with `from`/`to` one
/// direction. A pair of devices with no link is routed through the host: latency adds,
/// bandwidth is the smaller of the two hops (GPUs without peer access copy via host memory).
struct PlatformFile: Codable {
    struct DeviceEntry: Codable {
        var name: String
        var kind: DeviceKind
        var memory: Measured<SizeKind>
        var peakFlops: [String: Measured<FlopsKind>]
        var memoryBandwidth: Measured<RateKind>
        var launchOverhead: Measured<TimeKind>
        var computeEfficiency: Double?
        var memoryEfficiency: Double?
        var provider: String?
        var source: String?
    }

    struct LinkEntry: Codable {
        var between: [String]?
        var from: String?
        var to: String?
        var latency: Measured<TimeKind>
        var bandwidth: Measured<RateKind>
        var source: String?
    }

    var name: String
    var summary: String?
    var host: String
    var devices: [DeviceEntry]
    var links: [LinkEntry]
}

extension PlatformFile {
    /// Every key a platform file may use (docs/formats.md).
    static let schema = KeySchema.keys([
        "name": .any, "summary": .any, "host": .any,
        "devices": .each(.keys([
            "name": .any, "kind": .any, "memory": .any, "peakFlops": .named(.any), "memoryBandwidth": .any,
            "launchOverhead": .any, "computeEfficiency": .any, "memoryEfficiency": .any, "provider": .any, "source": .any,
        ])),
        "links": .each(.keys(["between": .any, "from": .any, "to": .any, "latency": .any, "bandwidth": .any, "source": .any])),
    ])
}

extension Platform {
    /// Reads a platform from YAML or JSON text (JSON is YAML, so one parser serves both).
    /// - Parameter file: the name used in error messages.
    /// - Throws: `InputError` naming the file, the path inside it and what was expected.
    public static func parse(_ text: String, file: String) throws -> Platform {
        try PlatformFile.schema.check(text, file: file)
        let entry: PlatformFile
        do {
            entry = try YAMLDecoder().decode(PlatformFile.self, from: text)
        } catch let error as DecodingError {
            throw InputError(decoding: error, file: file)
        } catch {
            throw InputError.malformed(file: file, path: "", expected: "valid YAML or JSON (\(error))")
        }
        return try entry.platform(file: file)
    }

    /// Reads a platform file from disk.
    public static func load(path: String) throws -> Platform {
        try parse(readTextFile(path), file: path)
    }
}

extension PlatformFile {
    func platform(file: String) throws -> Platform {
        var names: [String: Int] = [:]
        for (i, d) in devices.enumerated() {
            if names[d.name] != nil { throw InputError.duplicateName(file: file, kind: "device", name: d.name) }
            names[d.name] = i
        }
        guard !devices.isEmpty else { throw InputError.malformed(file: file, path: "devices", expected: "at least one device") }
        guard let hostIndex = names[host] else {
            throw InputError.unknownReference(file: file, path: "host", name: host, known: devices.map(\.name))
        }
        let built = try devices.enumerated().map { try $1.device(file: file, index: $0) }
        let (latency, bandwidth) = try linkMatrices(names: names, host: hostIndex, file: file)
        return Platform(name: name, summary: summary ?? "", devices: built, host: hostIndex,
                        latency: latency, bandwidth: bandwidth)
    }

    private func linkMatrices(names: [String: Int], host: Int, file: String) throws -> ([[Double]], [[Double]]) {
        let k = devices.count
        var latency = [[Double]](repeating: [Double](repeating: .nan, count: k), count: k)
        var bandwidth = latency
        for (i, link) in links.enumerated() {
            let path = "links[\(i)]"
            let ends = link.between ?? [link.from, link.to].compactMap { $0 }
            guard ends.count == 2 else {
                throw InputError.malformed(file: file, path: path, expected: "either 'between: [a, b]' or 'from: a' and 'to: b'")
            }
            let indices = try ends.map { end in
                guard let index = names[end] else {
                    throw InputError.unknownReference(file: file, path: path, name: end, known: devices.map(\.name))
                }
                return index
            }
            guard link.bandwidth.value > 0, link.latency.value >= 0 else {
                throw InputError.malformed(file: file, path: path, expected: "bandwidth > 0 and latency >= 0")
            }
            let pairs = link.between != nil ? [(indices[0], indices[1]), (indices[1], indices[0])] : [(indices[0], indices[1])]
            for (a, b) in pairs {
                latency[a][b] = link.latency.value
                bandwidth[a][b] = link.bandwidth.value
            }
        }
        for a in 0..<k { for b in 0..<k where a != b && latency[a][b].isNaN {
            guard a != host, b != host, !latency[a][host].isNaN, !latency[host][b].isNaN else {
                throw InputError.malformed(
                    file: file, path: "links",
                    expected: "a link from '\(devices[a].name)' to '\(devices[b].name)' (or links from both to the host)")
            }
            latency[a][b] = latency[a][host] + latency[host][b]
            bandwidth[a][b] = min(bandwidth[a][host], bandwidth[host][b])
        } }
        for a in 0..<k { latency[a][a] = 0; bandwidth[a][a] = .infinity }
        return (latency, bandwidth)
    }
}

extension PlatformFile.DeviceEntry {
    func device(file: String, index: Int) throws -> Device {
        let path = "devices[\(index)]"
        guard memory.value > 0, memory.value < 0x1p63 else {
            throw InputError.malformed(file: file, path: path + ".memory", expected: "a positive size below 8 EiB, found \(memory.value) B")
        }
        guard memoryBandwidth.value > 0 else {
            throw InputError.malformed(file: file, path: path + ".memoryBandwidth", expected: "a positive bandwidth")
        }
        guard launchOverhead.value >= 0, launchOverhead.value.isFinite else {
            throw InputError.malformed(file: file, path: path + ".launchOverhead",
                                       expected: "a finite non-negative time such as 5 us, found \(launchOverhead.value) s")
        }
        guard !peakFlops.isEmpty, peakFlops.values.allSatisfy({ $0.value > 0 }) else {
            throw InputError.malformed(file: file, path: path + ".peakFlops", expected: "positive FLOP/s per element type, e.g. {fp32: 14 TFLOPS}")
        }
        for (key, value) in [("computeEfficiency", computeEfficiency), ("memoryEfficiency", memoryEfficiency)] {
            if let v = value, !(v > 0 && v <= 1) {
                throw InputError.malformed(file: file, path: "\(path).\(key)", expected: "a fraction in (0, 1], found \(v)")
            }
        }
        if let provider, !ProviderMapping.isSpec(provider) {
            throw InputError.malformed(file: file, path: path + ".provider",
                                       expected: "an ONNX Runtime execution provider such as CUDAExecutionProvider:0 (a name ending in ExecutionProvider, an optional :DEVICE_ID), found '\(provider)'")
        }
        var device = Device(
            name: name, kind: kind, memoryBytes: Int64(memory.value),
            peakFlops: peakFlops.mapValues(\.value), memoryBandwidth: memoryBandwidth.value,
            launchOverhead: launchOverhead.value,
            computeEfficiency: computeEfficiency ?? 0.6, memoryEfficiency: memoryEfficiency ?? 0.8)
        device.provider = provider
        return device
    }
}

/// Reads a whole text file, throwing `InputError.unreadableFile` with the path on failure.
public func readTextFile(_ path: String) throws -> String {
    do {
        return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        let reason = FileManager.default.fileExists(atPath: path) ? "not UTF-8 text or not readable" : "no such file"
        throw InputError.unreadableFile(file: path, reason: reason)
    }
}
