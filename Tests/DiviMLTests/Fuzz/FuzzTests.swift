import DiviMLFuzz
import Foundation
import Testing

/// The fuzz campaign (issue 12, "No crash on any input"): seeded mutants of every kind of
/// input file in the corpus, read by the real `diviml`, end in exit 0, 2 or 64 — never a
/// signal, a hang or another status. A longer run is `diviml-fuzz` (docs/inputs.md).
@Suite("Fuzzing")
struct FuzzTests {
    static var corpusPath: String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/fuzz-corpus").path
    }

    @Test("every kind of input survives a bounded campaign")
    func boundedCampaignFindsNothing() throws {
        let corpus = try FuzzCorpus.load(Self.corpusPath)
        #expect(corpus.kinds.map(\.name) == ["cluster", "constraints", "costs", "llm-model", "onnx", "placement", "platform", "problem", "split", "trace"])
        let iterations = 24 * corpus.kinds.count
        let report = try FuzzCampaign(executable: CLIRunner.executable.path, corpus: corpus, iterations: iterations,
                                      seed: 7, jobs: 2, timeout: 120).run()
        for finding in report.findings {
            Issue.record("\(finding.kind) iteration \(finding.iteration) from \(finding.seedFile): \(finding.outcome)\ndiviml \(finding.arguments.joined(separator: " "))\n\(finding.stderr)")
        }
        #expect(report.counts.values.reduce(0) { $0 + $1.runs } == iterations)
        // Every kind ran, and its mutants reached the reader's errors.
        for kind in corpus.kinds {
            let counts = try #require(report.counts[kind.name])
            #expect(counts.runs == 24)
            #expect(counts.badInput > 0, "\(kind.name): no mutant was refused, so none reached past the seed")
        }
    }

    @Test func theSeedsThemselvesAreRead() throws {
        for kind in try FuzzCorpus.load(Self.corpusPath).kinds {
            for seed in kind.seeds {
                let path = kind.directory + "/" + seed.name
                let run = try CLIRunner.run(kind.arguments(input: path))
                #expect(run.status == 0, "\(kind.name)/\(seed.name): \(run.stderr)")
            }
        }
    }

    @Test func mutantsAreSeeded() throws {
        let data = Data(#"{"a": [1, 2.5, "x"], "b": {"c": -3}}"#.utf8)
        for seed in UInt64(0)..<50 {
            #expect(Mutator.mutate(data, seed: seed) == Mutator.mutate(data, seed: seed))
        }
        let distinct = Set((UInt64(0)..<50).map { Mutator.mutate(data, seed: $0) })
        #expect(distinct.count > 40)
        #expect(!distinct.contains(data) || distinct.count > 45)
    }

    /// A corpus of one kind whose command runs `script` on the mutant.
    private func campaign(script: String, timeout: Double = 60) throws -> FuzzCampaign.Report {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("diviml-fuzz-test-\(UUID().uuidString)")
        let kind = root.appendingPathComponent("text")
        try FileManager.default.createDirectory(at: kind, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "{input}".write(to: kind.appendingPathComponent("command"), atomically: true, encoding: .utf8)
        try "seed 1 2 3\n".write(to: kind.appendingPathComponent("seed.txt"), atomically: true, encoding: .utf8)
        let executable = root.appendingPathComponent("fake")
        try "#!/bin/sh\n\(script)\n".write(to: executable, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: executable.path)
        return try FuzzCampaign(executable: executable.path, corpus: try FuzzCorpus.load(root.path), iterations: 2,
                                jobs: 2, timeout: timeout).run()
    }

    @Test("a signal, a hang or an unexpected status is a finding; exit 0, 2 and 64 are not", arguments: [
        ("kill -SEGV $$", ChildOutcome.signalled(SIGSEGV)),
        ("kill -ILL $$", ChildOutcome.signalled(SIGILL)),
        ("exit 1", ChildOutcome.exited(1)),
        ("exec sleep 30", ChildOutcome.timedOut),
    ])
    func findingsAreClassified(script: String, outcome: ChildOutcome) throws {
        let report = try campaign(script: script, timeout: 1)
        #expect(report.findings.map(\.outcome) == [outcome, outcome])
        #expect(report.findings.map(\.iteration) == [0, 1])
    }

    @Test(arguments: ["exit 0", "echo 'error: bad' >&2; exit 2", "exit 64"])
    func contractedStatusesAreNotFindings(script: String) throws {
        #expect(try campaign(script: script).findings.isEmpty)
    }

    @Test func aKindWithoutACommandIsRefused() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("diviml-fuzz-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("k"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: FuzzError.self) { try FuzzCorpus.load(root.path) }
    }
}
