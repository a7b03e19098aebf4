/// A problem with what a user handed the tool: a file, a name, a flag.
///
/// Cases carry data only (file, path inside it, node, device, expected and found); the
/// wording lives in `InputError+Description.swift`, in one place.
public enum InputError: Error, Sendable, Equatable {
    /// A name that is not one of the known ones (model, platform, solver, device, …).
    case unknownName(kind: String, name: String, known: [String])
    /// A file that could not be read at all.
    case unreadableFile(file: String, reason: String)
    /// A file (or standard output, `-`) that could not be written.
    case unwritableFile(file: String, reason: String)
    /// A file whose content is not what was expected at `path` (e.g. `devices[2].memory`).
    case malformed(file: String, path: String, expected: String)
    /// Two things of one kind share a name.
    case duplicateName(file: String, kind: String, name: String)
    /// A key the file format does not have (misspelt, or from another format).
    case unknownKey(file: String, path: String, key: String, known: [String])
    /// A reference to something that does not exist.
    case unknownReference(file: String, path: String, name: String, known: [String])
    /// The graph has a directed cycle through these nodes.
    case cycle(nodes: [String])
    /// The node may run on no device.
    case noAllowedDevice(node: String)
    /// Memory cannot hold what must be placed (node or group on its largest allowed device).
    case memoryShortfall(what: String, neededBytes: Int64, device: String, availableBytes: Int64)
    /// A value outside its allowed range.
    case invalidValue(what: String, value: String, allowed: String)
    /// Options that cannot be used together, or one that needs another.
    case conflictingOptions(String)
}
