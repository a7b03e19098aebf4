import Foundation

/// A fuzz campaign: seeded mutants of every kind's seeds, each read by the `diviml`
/// executable as its kind's command says; a run that ends in a signal (a trap, a
/// segfault), an exit status other than 0, 2 (bad input) or 64 (usage), or that outlives
/// the time limit is a finding.
///
/// Iteration i mutates seed ⌊i / kinds⌋ mod seeds of kind i mod kinds with seed
/// `seed ⊕ i`, so the same campaign runs the same inputs whatever the number of jobs;
/// findings are reported in iteration order.
public struct FuzzCampaign: Sendable {
    public var executable: String
    public var corpus: FuzzCorpus
    public var iterations: Int
    public var seed: UInt64
    public var jobs: Int
    /// Seconds a run may take before it counts as a hang.
    public var timeout: Double
    /// Where findings are written (the mutant and a note with the command and stderr); nil: nowhere.
    public var findingsDirectory: String?

    public init(executable: String, corpus: FuzzCorpus, iterations: Int, seed: UInt64 = 1, jobs: Int = 2,
                timeout: Double = 30, findingsDirectory: String? = nil) {
        self.executable = executable
        self.corpus = corpus
        self.iterations = iterations
        self.seed = seed
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.findingsDirectory = findingsDirectory
    }

    /// One run that broke the contract.
    public struct Finding: Sendable, Equatable {
        public var iteration: Int
        public var kind: String
        public var seedFile: String
        public var outcome: ChildOutcome
        public var arguments: [String]
        public var stderr: String
        /// The mutant's path under `findingsDirectory`, when written.
        public var savedAs: String?
    }

    /// What a campaign saw, per kind.
    public struct Report: Sendable {
        public struct Counts: Sendable, Equatable {
            public var runs = 0, success = 0, badInput = 0, usage = 0, findings = 0
        }
        public var counts: [String: Counts] = [:]
        public var findings: [Finding] = []
        public var seconds: Double = 0
    }

    /// Runs the campaign; `progress` is called after every 100 runs with the runs done.
    /// - Throws: `FuzzError.executable` when there is no executable at `executable`.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> Report {
        guard FileManager.default.isExecutableFile(atPath: executable) else { throw FuzzError.executable(path: executable) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("diviml-fuzz-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        if let findingsDirectory { try FileManager.default.createDirectory(atPath: findingsDirectory, withIntermediateDirectories: true) }
        let started = Date()
        let results = Results(count: iterations)
        let failure = Results.FirstError()
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            let folder = (scratch as NSString).appendingPathComponent("job\(worker)")
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                for i in stride(from: worker, to: iterations, by: jobs) {
                    results.store(i, try runOne(i, in: folder))
                    let done = results.completed()
                    if done % 100 == 0 { progress?(done) }
                }
            } catch {
                failure.record(error)
            }
        }
        if let error = failure.error { throw error }
        var report = Report()
        for (kind, outcome, finding) in results.all() {
            var counts = report.counts[kind, default: .init()]
            counts.runs += 1
            switch outcome {
            case .exited(0): counts.success += 1
            case .exited(2): counts.badInput += 1
            case .exited(64): counts.usage += 1
            default: counts.findings += 1
            }
            report.counts[kind] = counts
            if let finding { report.findings.append(finding) }
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// The mutant of iteration `i`, its kind and its seed file.
    public func mutant(_ i: Int) -> (kind: FuzzCorpus.Kind, seedFile: String, data: Data) {
        let kind = corpus.kinds[i % corpus.kinds.count]
        let source = kind.seeds[(i / corpus.kinds.count) % kind.seeds.count]
        return (kind, source.name, Mutator.mutate(source.data, seed: seed ^ (UInt64(i) &* 0x9E37_79B9_7F4A_7C15)))
    }

    private func runOne(_ i: Int, in folder: String) throws -> (String, ChildOutcome, Finding?) {
        let (kind, seedFile, data) = mutant(i)
        let input = (folder as NSString).appendingPathComponent(seedFile)
        try data.write(to: URL(fileURLWithPath: input))
        let arguments = kind.arguments(input: input)
        let (outcome, stderr) = try runChild(executable, arguments, timeout: timeout,
                                             stderrPath: (folder as NSString).appendingPathComponent("stderr.txt"))
        if case let .exited(status) = outcome, [0, 2, 64].contains(status) { return (kind.name, outcome, nil) }
        var finding = Finding(iteration: i, kind: kind.name, seedFile: seedFile, outcome: outcome,
                              arguments: arguments, stderr: stderr, savedAs: nil)
        if let findingsDirectory {
            let saved = (findingsDirectory as NSString).appendingPathComponent("\(kind.name)-\(i)-\(seedFile)")
            try data.write(to: URL(fileURLWithPath: saved))
            let note = "iteration \(i), seed \(seed), kind \(kind.name), from \(seedFile)\noutcome: \(outcome)\n"
                + "diviml \(kind.arguments(input: saved).joined(separator: " "))\n\n\(stderr)"
            try note.write(toFile: saved + ".txt", atomically: true, encoding: .utf8)
            finding.savedAs = saved
        }
        return (kind.name, outcome, finding)
    }
}

/// Results of the runs, filled by the workers under a lock.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [(String, ChildOutcome, FuzzCampaign.Finding?)?]
    private var completedCount = 0

    init(count: Int) { slots = .init(repeating: nil, count: count) }

    func store(_ i: Int, _ result: (String, ChildOutcome, FuzzCampaign.Finding?)) {
        lock.lock()
        slots[i] = result
        completedCount += 1
        lock.unlock()
    }

    func completed() -> Int {
        lock.lock()
        defer { lock.unlock() }
        return completedCount
    }

    func all() -> [(String, ChildOutcome, FuzzCampaign.Finding?)] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }

    final class FirstError: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var error: Error?
        func record(_ e: Error) {
            lock.lock()
            if error == nil { error = e }
            lock.unlock()
        }
    }
}
