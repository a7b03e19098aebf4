import Foundation

/// The seed inputs of a fuzz campaign: one folder per kind of input file, each holding
/// seed files and a `command` file with the `diviml` arguments that read one of them.
///
/// In `command`, `{input}` stands for the (mutated) file and `{dir}` for the kind's folder,
/// so a command can name companion files that are not mutated (a trace's ONNX model):
/// a file named as `{dir}/NAME` in the command is a companion, not a seed.
public struct FuzzCorpus: Sendable {
    /// One kind of input: the files that seed it and how `diviml` reads it.
    public struct Kind: Sendable {
        public var name: String
        public var directory: String
        /// The `diviml` arguments with `{input}` and `{dir}` still in them.
        public var command: [String]
        /// Seed files, by name (sorted), with their bytes.
        public var seeds: [(name: String, data: Data)]

        /// The arguments for `input`, with `{input}` and `{dir}` replaced.
        public func arguments(input: String) -> [String] {
            command.map { $0.replacingOccurrences(of: "{input}", with: input).replacingOccurrences(of: "{dir}", with: directory) }
        }
    }

    /// The kinds, sorted by name.
    public var kinds: [Kind]

    /// Reads the corpus at `path`.
    /// - Throws: `FuzzError.corpus` when a folder has no `command`, a command has no
    ///   `{input}`, or a kind has no seed.
    /// - Complexity: O(total size of the seed files).
    public static func load(_ path: String, only names: Set<String>? = nil) throws -> FuzzCorpus {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: path) else {
            throw FuzzError.corpus(path: path, problem: "is not a folder that can be read")
        }
        var kinds: [Kind] = []
        for name in entries.sorted() where names?.contains(name) ?? true {
            let directory = (path as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else { continue }
            let commandPath = (directory as NSString).appendingPathComponent("command")
            guard let text = try? String(contentsOfFile: commandPath, encoding: .utf8) else {
                throw FuzzError.corpus(path: commandPath, problem: "is missing: each kind's folder says how diviml reads it")
            }
            let command = text.split(whereSeparator: \.isWhitespace).map(String.init)
            guard command.contains(where: { $0.contains("{input}") }) else {
                throw FuzzError.corpus(path: commandPath, problem: "has no {input}")
            }
            let companions = Set(command.flatMap { argument in
                argument.components(separatedBy: "{dir}/").dropFirst().map { $0.prefix { !$0.isWhitespace && $0 != "," } }.map(String.init)
            })
            let files = try manager.contentsOfDirectory(atPath: directory).sorted()
                .filter { $0 != "command" && !companions.contains($0) && !$0.hasPrefix(".") }
            let seeds = try files.map { file in
                (file, try Data(contentsOf: URL(fileURLWithPath: (directory as NSString).appendingPathComponent(file))))
            }
            guard !seeds.isEmpty else { throw FuzzError.corpus(path: directory, problem: "holds no seed file") }
            kinds.append(Kind(name: name, directory: directory, command: command, seeds: seeds))
        }
        guard !kinds.isEmpty else { throw FuzzError.corpus(path: path, problem: "holds no kind of input (folders with a command file)") }
        return FuzzCorpus(kinds: kinds)
    }
}

/// What stops a campaign before it runs. Worded in `description`.
public enum FuzzError: Error, CustomStringConvertible, Equatable {
    case corpus(path: String, problem: String)
    case executable(path: String)

    public var description: String {
        switch self {
        case let .corpus(path, problem): return "\(path): \(problem)"
        case let .executable(path): return "\(path): no diviml executable there (build it first: swift build --product diviml)"
        }
    }
}
