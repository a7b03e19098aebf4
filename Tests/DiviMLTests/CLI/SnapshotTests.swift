import Foundation
import Testing

/// What users read, pinned: the `--help` of every command and the main error messages.
/// A change to them fails here until the snapshot is updated on purpose: run the suite
/// with `DIVIML_UPDATE_SNAPSHOTS=1` and review the diff of `Tests/DiviMLTests/Snapshots/`.
@Suite("User-facing text snapshots")
struct SnapshotTests {
    static let commands: [[String]] = [
        [], ["schedule"], ["compare"], ["explain"], ["inspect"], ["models"], ["platforms"], ["llm"], ["profile-template"],
        ["export-onnx"], ["run"], ["profile"], ["doctor"], ["bench"], ["bench", "heft"], ["bench", "llm"], ["bench", "exact"], ["bench", "quality"],
    ]

    /// Bad invocations whose messages users meet most.
    static let badInvocations: [[String]] = [
        ["schedule", "resnt50", "--platform", "paper-node"],
        ["schedule", "resnet50", "--platform", "papernode"],
        ["schedule", "resnet50"],
        ["schedule", "missing/file.json"],
        ["schedule", "resnet50", "--platform", "paper-node", "--solver", "magic"],
        ["schedule", "resnet50", "--platform", "paper-node", "--write-lp", "x.lp"],
        ["schedule", "resnet50", "--platform", "paper-node", "--max-latency", "1"],
        ["schedule", "resnet50", "--platform", "paper-node", "--objective", "throughput", "--solver", "heft", "--max-latency", "1"],
        ["schedule", "resnet50", "--platform", "paper-node", "--time-limit", "0"],
        ["schedule", "resnet50", "--platform", "paper-node", "--batch", "6", "--micro-batches", "4"],
        ["schedule", "resnet50", "--platform", "paper-node", "--min-module", "9", "--max-module", "3"],
        ["llm", "llama-2-7b", "--cluster", "nowhere"],
        ["explain", "missing/plan.json"],
    ]

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots")

    @Test(arguments: commands)
    func helpTextIsPinned(command: [String]) throws {
        let run = try CLIRunner.run(command + ["--help"])
        #expect(run.status == 0, "\(run.stderr)")
        try Self.compare(run.stdout, snapshot: "help-" + (command.isEmpty ? "diviml" : command.joined(separator: "-")) + ".txt")
    }

    @Test func mainErrorMessagesArePinned() throws {
        var text = ""
        for arguments in Self.badInvocations {
            let run = try CLIRunner.run(arguments)
            #expect(run.status == 2 || run.status == 64, "\(arguments): exit \(run.status)")
            #expect(!run.stderr.contains("Fatal error"), "\(arguments)")
            text += "$ diviml \(arguments.joined(separator: " "))\nexit \(run.status)\n\(run.stderr)\n"
        }
        try Self.compare(text, snapshot: "errors.txt")
    }

    /// Compares `text` with the snapshot file, or writes it when updating.
    static func compare(_ text: String, snapshot name: String) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["DIVIML_UPDATE_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        let expected = try #require(try? String(contentsOf: url, encoding: .utf8),
                                    "missing snapshot \(name); run with DIVIML_UPDATE_SNAPSHOTS=1 to create it")
        #expect(text == expected, "\(name) changed; if on purpose, run with DIVIML_UPDATE_SNAPSHOTS=1 and review the diff")
    }
}
