/// Which ONNX Runtime execution provider runs each device of a plan: `DEVICE=EP[:id]`
/// options (`--provider v100=CUDAExecutionProvider:0`); devices not named run on the CPU provider.
public struct ProviderMapping: Sendable, Hashable {
    /// Device name → `EP` or `EP:id`.
    public private(set) var providers: [String: String] = [:]

    public static let cpu = "CPUExecutionProvider"

    /// Parses the options against the plan's devices.
    /// - Throws: `InputError.invalidValue` for an option not of the form `DEVICE=EP[:id]` (EP ending
    ///   in `ExecutionProvider`, id a number) or naming a device twice; `InputError.unknownReference`
    ///   for a device the plan does not have.
    /// - Complexity: O(options + devices).
    public init(options: [String], devices: [String], planFile: String) throws {
        for option in options {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            let allowed = "DEVICE=EP[:id], for example v100=CUDAExecutionProvider:0 or cpu=CPUExecutionProvider"
            guard parts.count == 2, !parts[0].isEmpty else {
                throw InputError.invalidValue(what: "--provider", value: "'\(option)'", allowed: allowed)
            }
            let spec = parts[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard spec[0].hasSuffix("ExecutionProvider"), spec.count <= 2, spec.count == 1 || (Int(spec[1]).map { $0 >= 0 } ?? false) else {
                throw InputError.invalidValue(what: "--provider \(option)", value: "'\(parts[1])'",
                                              allowed: "an ONNX Runtime provider name ending in ExecutionProvider, with an optional :DEVICE_ID (\(allowed))")
            }
            guard devices.contains(parts[0]) else {
                throw InputError.unknownReference(file: planFile, path: "devices (--provider \(option))", name: parts[0], known: devices)
            }
            guard providers[parts[0]] == nil else {
                throw InputError.invalidValue(what: "--provider", value: "device '\(parts[0])' named twice", allowed: "one --provider per device")
            }
            providers[parts[0]] = parts[1]
        }
        for device in devices where providers[device] == nil { providers[device] = Self.cpu }
    }
}
