/// Everything a plan depends on besides the problem and the solver choice: the objective,
/// the budget, the serving targets, the splitting heuristic's module sizes, and what the
/// plan records about its input. The command line fills one from its options; every
/// planning decision made from it lives in the library (`Planner.plan`).
public struct PlanSettings: Sendable {
    /// Latency (one inference as soon as possible) or throughput (pipelined inferences).
    public var objective: Plan.Objective
    /// Wall-clock budget of the whole plan, seconds.
    public var timeLimit: Double
    /// Exact engines stop once (incumbent − bound) / incumbent is at most this.
    public var relativeGap: Double
    /// Seed for every randomized choice.
    public var seed: UInt64
    /// Worker threads for solvers that parallelise.
    public var workers: Int
    /// Show solver progress on stderr.
    public var progress: Bool
    /// Stop the exact engines on the wall clock only, not on their deterministic work
    /// budget (`SolveOptions.wallClock`): plans may then vary between runs, and say so.
    public var wallClock: Bool
    /// Throughput objective: every replica's single-sample latency must stay within this (seconds).
    public var maxLatency: Double?
    /// Latency objective: the plan's pipeline must sustain at least this many samples per second.
    public var minThroughput: Double?
    /// Splitting: modules are merged below `minModule` nodes and cut above `maxModule`.
    public var minModule: Int
    public var maxModule: Int
    /// Splitting: seconds per module solve.
    public var moduleTimeLimit: Double
    /// Splitting: how modules are cut.
    public var moduleCut: ModulePartition.CutMethod
    /// MILP: write the model as MPS / LP here before solving.
    public var writeMPS: String?
    public var writeLP: String?
    /// Samples per pass (the batch the problem was built for): throughput = batch / period.
    public var batch: Int
    /// The platform's name, recorded in the plan (nil: the problem's own devices).
    public var platform: String?
    /// Latency: seconds of exact-engine work for the per-segment relaxations of the lower
    /// bound, within `timeLimit` (0: closed-form bounds only, which cost milliseconds).
    public var boundTimeLimit: Double

    public init(objective: Plan.Objective = .latency, timeLimit: Double = WorkBudget.defaultSeconds, relativeGap: Double = 0, seed: UInt64 = 1,
                workers: Int = 2, progress: Bool = false, wallClock: Bool = false, maxLatency: Double? = nil, minThroughput: Double? = nil,
                minModule: Int = ModulePartition.defaultMinSize, maxModule: Int = ModulePartition.defaultMaxSize,
                moduleTimeLimit: Double = SplittingSolver.defaultModuleTimeLimit, moduleCut: ModulePartition.CutMethod = ModulePartition.defaultCutMethod, writeMPS: String? = nil, writeLP: String? = nil, batch: Int = 1,
                platform: String? = nil, boundTimeLimit: Double = 0) {
        self.boundTimeLimit = boundTimeLimit
        self.objective = objective
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.seed = seed
        self.workers = workers
        self.progress = progress
        self.wallClock = wallClock
        self.maxLatency = maxLatency
        self.minThroughput = minThroughput
        self.minModule = minModule
        self.maxModule = maxModule
        self.moduleTimeLimit = moduleTimeLimit
        self.moduleCut = moduleCut
        self.writeMPS = writeMPS
        self.writeLP = writeLP
        self.batch = batch
        self.platform = platform
    }

    /// The options every solver of this plan runs with.
    var solveOptions: SolveOptions {
        SolveOptions(timeLimit: timeLimit, seed: seed, workers: workers, progress: progress, wallClock: wallClock)
    }
}

extension PlanSettings {
    /// Checks that every setting applies to `choice` and the objective, so that nothing
    /// the user asked for is silently dropped.
    /// - Throws: `InputError.conflictingOptions` naming the options; `InputError.invalidValue`
    ///   for a value outside its range.
    public func check(for choice: SolverChoice) throws {
        try requirePositive("--time-limit", timeLimit)
        try requirePositive("--module-time-limit", moduleTimeLimit)
        for (flag, value) in [("--max-latency", maxLatency), ("--min-throughput", minThroughput)] {
            if let value { try requirePositive(flag, value) }
        }
        guard relativeGap >= 0, relativeGap.isFinite else {
            throw InputError.invalidValue(what: "--gap", value: "\(relativeGap)", allowed: "a number of at least 0")
        }
        guard minModule >= 1, maxModule >= minModule else {
            throw InputError.invalidValue(what: "--min-module/--max-module", value: "\(minModule)/\(maxModule)",
                                          allowed: "1 <= --min-module <= --max-module")
        }
        guard boundTimeLimit >= 0, boundTimeLimit.isFinite else {
            throw InputError.invalidValue(what: "--bound-time-limit", value: "\(boundTimeLimit)", allowed: "a number of seconds of at least 0")
        }
        if boundTimeLimit > 0 && objective == .throughput {
            throw InputError.conflictingOptions("--bound-time-limit applies to --objective latency; the throughput bounds are LPs solved whole")
        }
        guard batch >= 1 else { throw InputError.invalidValue(what: "batch", value: "\(batch)", allowed: "at least 1") }
        if (writeMPS != nil || writeLP != nil) && choice != .milp {
            throw InputError.conflictingOptions("--write-mps and --write-lp need --solver milp")
        }
        for (flag, path) in [("--write-mps", writeMPS), ("--write-lp", writeLP)] {
            if let path, let reason = MILPExportError.problem(with: path) {
                throw InputError.unwritableFile(file: path, reason: "\(flag): \(reason)")
            }
        }
        if maxLatency != nil && objective == .latency {
            throw InputError.conflictingOptions("--max-latency applies to --objective throughput; with --objective latency the makespan is minimised already")
        }
        if minThroughput != nil && objective == .throughput {
            throw InputError.conflictingOptions("--min-throughput applies to --objective latency; with --objective throughput the period is minimised already")
        }
        if maxLatency != nil && objective == .throughput && !(choice.needsExactEngine || choice.replicates) {
            throw InputError.conflictingOptions("--max-latency with --objective throughput needs --solver exact (cpsat), milp, split or auto; \(choice.rawValue) cannot honour it")
        }
    }

    private func requirePositive(_ flag: String, _ value: Double) throws {
        guard value > 0, value.isFinite else {
            throw InputError.invalidValue(what: flag, value: "\(value)", allowed: "a positive number")
        }
    }
}
