import Foundation

/// Operator times from one ONNX Runtime profiling trace (the JSON that
/// `SessionOptions.enable_profiling` writes: a list of Chrome-trace events, one
/// `cat: "Node"` event per operator run, `name` = node name + `_kernel_time`, `dur` in
/// microseconds, `args.op_name`).
///
/// The k-th event of a node is its k-th run. The first `warmupRuns` runs of every node
/// are dropped (first runs pay for allocation and kernel selection), the rest averaged.
/// In traces of a build with GPU kernel profiling (`--enable_cuda_profiling`), the
/// `cat: "Kernel"` events that follow a node's event are the device kernels it launched;
/// the sum of their durations is then that run's time (the node event itself only times
/// the asynchronous launch on the host).
public struct ORTProfile: Sendable, Hashable {
    /// Mean seconds per node name over the runs kept.
    public var seconds: [String: Double]
    /// Op type of each node name, from `args.op_name`.
    public var opTypes: [String: String]
    /// Most runs any node had in the trace.
    public var runs: Int
    /// Runs dropped from the front of every node's list.
    public var warmupRuns: Int
    /// Node names in the order of their first event: ONNX Runtime's execution order
    /// (the sequential executor runs the nodes in the same order every run).
    public var order: [String] = []

    /// Suffix ONNX Runtime appends to a node's name in its kernel events.
    public static let kernelSuffix = "_kernel_time"

    /// Reads and averages a trace.
    /// - Throws: `InputError` naming the file when it is not a trace, holds no node
    ///   events, or has no run left after dropping `warmupRuns`.
    /// - Complexity: O(events).
    public static func load(path: String, warmupRuns: Int = 1) throws -> ORTProfile {
        try parse(readBinaryFile(path), file: path, warmupRuns: warmupRuns)
    }

    private struct Event: Decodable {
        struct Args: Decodable { var op_name: String? }
        var cat: String?
        var name: String?
        var dur: Double?
        var args: Args?
    }

    private struct Wrapped: Decodable { var traceEvents: [Event] }

    static func parse(_ data: Data, file: String, warmupRuns: Int) throws -> ORTProfile {
        guard warmupRuns >= 0 else { throw InputError.invalidValue(what: "warm-up runs", value: "\(warmupRuns)", allowed: "0 or more") }
        let first = data.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
        let events = first == UInt8(ascii: "{") ? try decodeJSON(Wrapped.self, from: data, file: file).traceEvents
            : try decodeJSON([Event].self, from: data, file: file)
        var durations: [String: [Double]] = [:]
        var kernels: [String: [Double?]] = [:] // device time of each run, when kernel events follow it
        var opTypes: [String: String] = [:]
        var order: [String] = []
        var current: String?
        for (i, event) in events.enumerated() {
            if event.cat == "Kernel", let node = current, let dur = event.dur, dur.isFinite, dur >= 0 {
                kernels[node]![kernels[node]!.count - 1] = (kernels[node]!.last! ?? 0) + dur * 1e-6
                continue
            }
            guard event.cat == "Node", let name = event.name, name.hasSuffix(kernelSuffix) else { continue }
            guard let dur = event.dur, dur.isFinite, dur >= 0 else {
                throw InputError.malformed(file: file, path: "[\(i)].dur", expected: "a duration in microseconds >= 0")
            }
            let node = String(name.dropLast(kernelSuffix.count))
            if durations[node] == nil { order.append(node) }
            durations[node, default: []].append(dur * 1e-6)
            kernels[node, default: []].append(nil)
            current = node
            if let op = event.args?.op_name { opTypes[node] = op }
        }
        for (node, list) in kernels { durations[node] = zip(durations[node]!, list).map { $1 ?? $0 } }
        let runs = durations.values.map(\.count).max() ?? 0
        guard runs > 0 else {
            throw InputError.malformed(file: file, path: "", expected: "an ONNX Runtime profile with node events (cat \"Node\", name ending in '\(kernelSuffix)')")
        }
        guard runs > warmupRuns else {
            throw InputError.invalidValue(what: "warm-up runs for \(file)", value: "\(warmupRuns)",
                                          allowed: "fewer than the \(runs) run(s) the trace holds")
        }
        var seconds: [String: Double] = [:]
        for (node, list) in durations where list.count > warmupRuns {
            let kept = list.dropFirst(warmupRuns)
            seconds[node] = kept.reduce(0, +) / Double(kept.count)
        }
        return ORTProfile(seconds: seconds, opTypes: opTypes, runs: runs, warmupRuns: warmupRuns,
                          order: order.filter { seconds[$0] != nil })
    }
}
