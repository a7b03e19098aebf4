import ArgumentParser
import CommandSupport
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

    @OptionGroup var input: ModelArguments

    @Option(name: .shortAndLong, help: "Where to write the CSV ('-' for standard output).")
    var output: String = "-"

    func run() throws {
        try reportingErrors {
            let rows = try templateRows()
            try writeOutput(Data(rows.joined(separator: "\n").appending("\n").utf8), to: output)
        }
    }

    /// The header and comments, then per node a comment and one `node,device,` row per allowed device.
    private func templateRows() throws -> [String] {
        let loaded = try input.problem()
        let (problem, platformName) = (loaded.problem, loaded.platform)
        var lines = [
            "node,device,seconds", // first: the CSV reader takes only the first line as a header
            "# measured costs for \(problem.name)" + (platformName.map { " on \($0)" } ?? "") + ", batch \(input.batch)",
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
}
