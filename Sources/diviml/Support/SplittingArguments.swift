import ArgumentParser
import CommandSupport
import DiviML
import Foundation

/// Options of the splitting heuristic, serving targets and the memory scenario, shared by
/// `schedule` and `compare`.
struct SplittingArguments: ParsableArguments {
    @Option(help: "Splitting: merge modules below this many nodes (default \(ModulePartition.defaultMinSize)).")
    var minModule = ModulePartition.defaultMinSize

    @Option(help: "Splitting: cut modules above this many nodes (default \(ModulePartition.defaultMaxSize)).")
    var maxModule = ModulePartition.defaultMaxSize

    @Option(help: "Splitting: work budget of each exact module solve, in seconds (its share of the whole run is capped; see docs/splitting-and-bounds.md).")
    var moduleTimeLimit: Double = SplittingSolver.defaultModuleTimeLimit

    @Option(help: "Throughput objective: every replica's single-sample latency must stay within this many seconds (a constraint inside --solver exact).")
    var maxLatency: Double?

    @Option(help: "Latency objective: the plan's pipeline must sustain at least this many samples per second (a constraint inside --solver exact and milp).")
    var minThroughput: Double?

    @Flag(help: "Stop the exact engines on the wall clock (--time-limit) only, not on their deterministic work budget: may find more on an idle machine, but plans may then differ between runs.")
    var wallClock = false

    @Option(help: "Latency: seconds of exact-engine work for a stronger lower bound (per-segment relaxations bounded by CP-SAT), within --time-limit; 0: closed-form bounds only.")
    var boundTimeLimit: Double = 0

    @Option(help: "Multiply every device's memory by this factor (e.g. 0.25 for a quarter).")
    var memoryScale: Double?

    /// The planning options are checked with the plan's settings (`PlanSettings.check(for:)`);
    /// the memory scale is applied here, before planning.
    func validate() throws {
        if let v = memoryScale, !(v > 0 && v.isFinite) { throw ValidationError("--memory-scale must be a positive number, got \(v)") }
    }

    /// The problem with memory scaled when asked.
    func apply(to problem: SchedulingProblem) throws -> SchedulingProblem {
        guard let f = memoryScale else { return problem }
        return try problem.scalingMemory(by: f)
    }

    /// The settings of one plan: these options and the command's own.
    func settings(objective: Plan.Objective, timeLimit: Double, seed: UInt64, progress: Bool = false, gap: Double = 0,
                  writeMPS: String? = nil, writeLP: String? = nil, batch: Int, platform: String?) -> PlanSettings {
        PlanSettings(objective: objective, timeLimit: timeLimit, relativeGap: gap, seed: seed, progress: progress, wallClock: wallClock,
                     maxLatency: maxLatency, minThroughput: minThroughput, minModule: minModule, maxModule: maxModule,
                     moduleTimeLimit: moduleTimeLimit, writeMPS: writeMPS, writeLP: writeLP, batch: batch, platform: platform,
                     boundTimeLimit: boundTimeLimit)
    }
}

extension SolverChoice: ExpressibleByArgument {}
