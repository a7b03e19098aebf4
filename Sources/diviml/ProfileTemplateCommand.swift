import ArgumentParser
import DiviML
import Foundation

/// `diviml profile-template MODEL --platform P`: a CSV of every (node, device) pair, to
/// fill in with measured seconds and pass back with `--costs`.
struct ProfileTemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile-template",
        abstract: "Write a CSV of every (node, device) pair of a model on a platform, to fill in with measured seconds.",
        discussion: """
            MODEL is a built-in model name, an ONNX file, or a problem file (diviml problem JSON or the \
            public device-placement format), told apart by content. Each node's rows are preceded by a comment \
            with its op type and the roofline estimate per device. Fill in the seconds you measured, delete the \
            rows you did not, and pass the file with --costs (rows left blank are rejected when loaded).
            """)

    @Argument(help: "A built-in model name, an .onnx file, or a problem file.")
    var model: String

    @Option(help: "Platform: a built-in name or a YAML/JSON file (not used for problem files).")
    var platform: String?

    @Option(help: "Batch size B (shapes of the model).")
    var batch: Int = 1

    @Option(help: "BERT/GPT built-ins: sequence length.")
    var sequence: Int = 128

    @Option(name: .shortAndLong, help: "Where to write the CSV ('-' for standard output).")
    var output: String = "-"

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1, got \(batch)") }
    }

    func run() throws {
        try reportingErrors {
            let rows = try templateRows()
            try writeOutput(Data(rows.joined(separator: "\n").appending("\n").utf8), to: output)
        }
    }

    /// The header and comments, then per node a comment and one `node,device,` row per allowed device.
    private func templateRows() throws -> [String] {
        let (problem, platformName) = try costedProblem()
        var lines = [
            "node,device,seconds", // first: the CSV reader takes only the first line as a header
            "# measured costs for \(problem.name)" + (platformName.map { " on \($0)" } ?? "") + ", batch \(batch)",
            "# fill in seconds per (node, device); delete rows you do not measure; load with --costs",
        ]
        for node in problem.nodes where node.op != HostIO.inputOp && node.op != HostIO.outputOp {
            if node.name.contains(",") { printError("warning: node name '\(node.name)' contains a comma; edit its rows by hand") }
            let estimates = problem.devices.indices.compactMap { k in node.cost[k].map { "\(problem.devices[k].name) \($0)" } }
            lines.append("# \(node.name) (\(node.op)) modelled seconds: " + estimates.joined(separator: ", "))
            lines += problem.devices.indices.filter { node.cost[$0] != nil }.map { "\(node.name),\(problem.devices[$0].name)," }
        }
        return lines
    }

    private func costedProblem() throws -> (SchedulingProblem, String?) {
        if FileManager.default.fileExists(atPath: model) {
            switch try ModelFileFormat.detect(path: model) {
            case .onnx?:
                let (graph, warnings) = try loadONNXGraph(path: model, batch: batch)
                for w in warnings { printError("warning: \(w)") }
                return try costed(graph)
            case .deviceGraph?: return (try loadDevicePlacementProblem(path: model), nil)
            case .problemJSON?: return (try SchedulingProblem.load(path: model), nil)
            case nil:
                throw InputError.malformed(file: model, path: "", expected: "an ONNX model, a diviml problem JSON, or a device-placement JSON")
            }
        }
        return try costed(ModelZoo.build(model, options: ModelOptions(batch: batch, sequenceLength: sequence)))
    }

    private func costed(_ graph: OpGraph) throws -> (SchedulingProblem, String?) {
        guard let platform else {
            throw InputError.conflictingOptions("'\(model)' is a model, so --platform is required (see `diviml platforms`)")
        }
        let machine = try BuiltinPlatforms.resolve(platform)
        return (try SchedulingProblem(graph: graph, platform: machine), machine.name)
    }
}
