/// Which ONNX Runtime execution provider runs each device of a plan: `DEVICE=EP[:id]`
/// options (`--provider v100=CUDAExecutionProvider:0`) first, then the provider the platform
/// names for the device (a GPU of `local-cpu:N`: `CUDAExecutionProvider:0`; a plan records
/// them as `providers`), else the CPU provider.
public struct ProviderMapping: Sendable, Hashable {
    /// Device name → `EP` or `EP:id`.
    public private(set) var providers: [String: String] = [:]

    public static let cpu = "CPUExecutionProvider"

    /// Parses the options against the plan's devices.
    /// - Parameters:
    ///   - defaults: device → provider spec from the platform or the plan file (`source` in
    ///     errors), for the devices no option names.
    /// - Throws: `InputError.invalidValue` for an option not of the form `DEVICE=EP[:id]` (EP ending
    ///   in `ExecutionProvider`, id a number) or naming a device twice; `InputError.unknownReference`
    ///   for a device the plan does not have; `InputError.malformed` for a default that is not
    ///   such a spec or names no device.
    /// - Complexity: O(options + devices).
    public init(options: [String], devices: [String], planFile: String, defaults: [String: String] = [:], source: String = "providers") throws {
        for option in options {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            let allowed = "DEVICE=EP[:id], for example v100=CUDAExecutionProvider:0 or cpu=CPUExecutionProvider"
            guard parts.count == 2, !parts[0].isEmpty else {
                throw InputError.invalidValue(what: "--provider", value: "'\(option)'", allowed: allowed)
            }
            guard Self.isSpec(parts[1]) else {
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
        for (device, spec) in defaults.sorted(by: { $0.key < $1.key }) {
            guard devices.contains(device) else {
                throw InputError.unknownReference(file: planFile, path: source, name: device, known: devices)
            }
            guard Self.isSpec(spec) else {
                throw InputError.malformed(file: planFile, path: "\(source).\(device)",
                                           expected: "an ONNX Runtime provider such as CUDAExecutionProvider:0 (a name ending in ExecutionProvider, an optional :DEVICE_ID), found '\(spec)'")
            }
            if providers[device] == nil { providers[device] = spec }
        }
        for device in devices where providers[device] == nil { providers[device] = Self.cpu }
    }

    /// Whether `spec` is `EP` or `EP:id`: a name ending in `ExecutionProvider` with nothing
    /// before the suffix but letters and digits, and an optional non-negative device number.
    /// - Complexity: O(spec length).
    public static func isSpec(_ spec: String) -> Bool {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts[0].hasSuffix("ExecutionProvider"),
              parts[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return false }
        return parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber } && parts[1].count <= 9)
    }
}
