import Foundation
import Testing
@testable import DiviML

/// Every output file is written to a temporary file in its folder and renamed into place
/// (issue 12, "Writes are not atomic"): a failed write leaves the old file intact and no
/// temporary file behind.
@Suite("Atomic writes")
struct AtomicWriteTests {
    private func folder(_ label: String) throws -> URL { try ONNXFixtures.scratchDirectory("atomic-\(label)") }

    @Test func aWriteReplacesTheFileAndKeepsItsPermissions() throws {
        let path = try folder("replace").appendingPathComponent("plan.json").path
        try writeFileAtomically(Data("old".utf8), path: path)
        chmod(path, 0o640)
        try writeFileAtomically(Data("new".utf8), path: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent) == ["plan.json"])
    }

    @Test func aWriteIntoAMissingFolderSaysItCannotBeWritten() throws {
        let path = "/nonexistent-diviml-dir/plan.json"
        let error = try #require(#expect(throws: InputError.self) { try writeFileAtomically(Data("x".utf8), path: path) })
        #expect(error == .unwritableFile(file: path, reason: "No such file or directory"))
        #expect(error.description == "\(path): cannot be written: No such file or directory")
    }

    @Test func aFailedWriteLeavesWhatWasThereAndNoTemporaryFile() throws {
        let dir = try folder("directory")
        let target = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("kept".utf8).write(to: target.appendingPathComponent("inside.txt"))
        #expect(throws: InputError.self) { try writeFileAtomically(Data("x".utf8), path: target.path) }
        #expect(try String(contentsOf: target.appendingPathComponent("inside.txt"), encoding: .utf8) == "kept")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out"])
    }

    @Test func theExporterNamesTheFileItCannotWrite() throws {
        let (plan, _) = try ONNXExportTests.plan("residual_block")
        let dir = try folder("export")
        let planFile = dir.appendingPathComponent("plan.json")
        try plan.jsonData().write(to: planFile)
        let out = dir.appendingPathComponent("parts")
        let blocked = out.appendingPathComponent("manifest.json")
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: true)
        let error = try #require(#expect(throws: InputError.self) {
            try exportONNXPartitions(modelPath: ONNXFixtures.path("residual_block"), plan: try Plan.load(path: planFile.path),
                                     planFile: planFile.path, batch: 2, directory: out.path)
        })
        guard case let .unwritableFile(file, _) = error else { Issue.record("\(error)"); return }
        #expect(file == blocked.path)
    }

    @Test func llmOutIntoAFolderIsAnErrorNotAFoundationDump() throws {
        let dir = try folder("llm")
        let run = try CLIRunner.run(["llm", "llama-2-7b", "--cluster", "uniform-a100", "--out", dir.path])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("error: \(dir.path): cannot be written: "), "\(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"), "\(run.stderr)")
    }
}
