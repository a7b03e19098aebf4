import ArgumentParser
import DiviMLFuzz
import Foundation

/// `diviml-fuzz`: mutates the fuzz corpus and runs `diviml` on every mutant, failing on a
/// crash, a hang or an unexpected exit status (docs/inputs.md, "Fuzzing").
@main
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diviml-fuzz",
        abstract: "Runs diviml on seeded mutants of its input files; fails on a crash, a hang or an exit status other than 0, 2 or 64.")

    @Option(help: "The corpus: one folder per kind of input, each with seed files and a command file.")
    var corpus = "Tests/DiviMLTests/Fixtures/fuzz-corpus"

    @Option(help: "Mutants to run, in all.")
    var iterations = 1000

    @Option(help: "The campaign's seed: the same seed runs the same mutants.")
    var seed: UInt64 = 1

    @Option(help: "Runs at once (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seconds a run may take before it counts as a hang.")
    var timeout: Double = 30

    @Option(help: "The diviml executable (default: the one beside diviml-fuzz).")
    var diviml: String?

    @Option(help: "Where each finding's mutant and a note (command, stderr) are written.")
    var findings = "out/fuzz-findings"

    @Option(help: "Only these kinds (folder names), comma-separated.")
    var kinds: String?

    func validate() throws {
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1, found \(iterations)") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, found \(jobs)") }
        guard timeout.isFinite, timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds, found \(timeout)") }
    }

    func run() throws {
        let executable = diviml ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("diviml").path
        let campaign: FuzzCampaign
        do {
            let only = kinds.map { Set($0.split(separator: ",").map(String.init)) }
            campaign = FuzzCampaign(executable: executable, corpus: try FuzzCorpus.load(corpus, only: only),
                                    iterations: iterations, seed: seed, jobs: jobs, timeout: timeout, findingsDirectory: findings)
        } catch let error as FuzzError {
            throw ValidationError(error.description)
        }
        let total = iterations
        let report: FuzzCampaign.Report
        do {
            report = try campaign.run { done in FileHandle.standardError.write(Data("fuzz: \(done) of \(total) runs\n".utf8)) }
        } catch let error as FuzzError {
            throw ValidationError(error.description)
        }
        print(report.table(seed: seed))
        for finding in report.findings {
            print("finding: \(finding.kind) iteration \(finding.iteration) (from \(finding.seedFile)): \(finding.outcome), saved as \(finding.savedAs ?? "-")")
        }
        if !report.findings.isEmpty { throw ExitCode.failure }
    }
}
