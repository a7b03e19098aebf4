import ArgumentParser
import DiviML
import Foundation

/// Options of the splitting heuristic, serving targets and the memory scenario, shared by
/// `schedule` and `compare`.
struct SplittingArguments: ParsableArguments {
    @Option(help: "Splitting: merge modules below this many nodes (default \(ModulePartition.defaultMinSize)).")
    var minModule = ModulePartition.defaultMinSize

    @Option(help: "Splitting: cut modules above this many nodes (default \(ModulePartition.defaultMaxSize)).")
    var maxModule = ModulePartition.defaultMaxSize

    @Option(help: "Splitting: time limit per module solve, seconds.")
    var moduleTimeLimit: Double = 1

    @Option(help: "Throughput objective: every replica's single-sample latency must stay within this many seconds (a constraint inside --solver exact).")
    var maxLatency: Double?

    @Option(help: "Latency objective: the plan's pipeline must sustain at least this many samples per second (a constraint inside --solver exact and milp).")
    var minThroughput: Double?

    @Option(help: "Multiply every device's memory by this factor (e.g. 0.25 for a quarter).")
    var memoryScale: Double?

    func validate() throws {
        guard minModule >= 1, maxModule >= minModule else {
            throw ValidationError("--min-module must be at least 1 and at most --max-module, got \(minModule) and \(maxModule)")
        }
        guard moduleTimeLimit > 0 else { throw ValidationError("--module-time-limit must be positive, got \(moduleTimeLimit)") }
        for (flag, value) in [("--max-latency", maxLatency), ("--min-throughput", minThroughput), ("--memory-scale", memoryScale)] {
            if let v = value, !(v > 0 && v.isFinite) { throw ValidationError("\(flag) must be a positive number, got \(v)") }
        }
    }

    /// The problem with memory scaled when asked.
    func apply(to problem: SchedulingProblem) throws -> SchedulingProblem {
        guard let f = memoryScale else { return problem }
        return try problem.scalingMemory(by: f)
    }

    /// The splitting solver with these module settings.
    var splitting: SplittingSolver {
        SplittingSolver(minModule: minModule, maxModule: maxModule, moduleTimeLimit: moduleTimeLimit)
    }

    /// The latency solver called `name`, splitting configured, under the throughput floor if any.
    func latencySolver(_ name: String, batch: Int, exact: SolverCatalog.ExactSettings = .init()) throws -> any LatencySolver {
        var solver: any LatencySolver
        switch name {
        case "split": solver = splitting
        case "auto": solver = AutoLatencySolver(splitting: splitting)
        default: solver = try SolverCatalog.latency(name, exact: exact)
        }
        if let y = minThroughput {
            let target = "--min-throughput \(y) samples/s"
            if SolverCatalog.exactNames.contains(name) {
                // The exact engines enforce the floor as a constraint; the exact throughput solve names the best rate when it is unreachable.
                let level = ServiceLevel(maxPeriod: Double(batch) / y)
                let engine: any LatencySolver = CPSATSolver.names.contains(name)
                    ? CPSATSolver(relativeGap: exact.relativeGap, serviceLevel: level)
                    : MILPSolver(relativeGap: exact.relativeGap, writeMPS: exact.writeMPS, writeLP: exact.writeLP, serviceLevel: level)
                let best: any ThroughputSolver = CPSATSolver.names.contains(name)
                    ? CPSATSolver(relativeGap: exact.relativeGap) : MILPSolver(relativeGap: exact.relativeGap)
                return ThroughputFloorSolver(base: engine, pipeline: best, minRate: y / Double(batch), targetText: target)
            }
            solver = ThroughputFloorSolver(base: solver, minRate: y / Double(batch), targetText: target)
        }
        return solver
    }

    /// The (non-replicating) throughput solver called `name`; CP-SAT under the latency ceiling if any.
    func throughputSolver(_ name: String, exact: SolverCatalog.ExactSettings = .init()) throws -> any ThroughputSolver {
        if let x = maxLatency {
            let engine: any LatencyCeilingEngine
            if CPSATSolver.names.contains(name) {
                engine = CPSATSolver(relativeGap: exact.relativeGap)
            } else if name == "milp" {
                engine = MILPSolver(relativeGap: exact.relativeGap, writeMPS: exact.writeMPS, writeLP: exact.writeLP)
            } else {
                throw ValidationError("--max-latency with --objective throughput needs --solver exact (cpsat), milp, split or auto; \(name) cannot honour it")
            }
            return LatencyCeilingSolver(engine: engine, maxLatency: x, targetText: "--max-latency \(x) s")
        }
        return try SolverCatalog.throughput(name, exact: exact)
    }

    /// The data-parallel solver over model-parallel pipelines, for `split` and `auto`.
    var dataParallel: DataParallelSolver {
        DataParallelSolver(pipeline: ModelParallelSolver(exact: ExactAvailability.cpsatUsable ? CPSATSolver() : nil),
                           latency: splitting, maxLatency: maxLatency, refine: ExactAvailability.cpsatUsable ? CPSATSolver() : nil)
    }

    /// Whether `name` plans throughput with replicas (data parallelism).
    static func replicates(_ name: String) -> Bool { name == "split" || name == "auto" }

    /// Gantt markers at module ends, for the splitting solvers' latency plans.
    func markers(_ solverName: String, problem: SchedulingProblem, schedule: Schedule) -> [(time: Double, label: String)] {
        guard Self.replicates(solverName) else { return [] }
        return ModulePartition(problem, minSize: minModule, maxSize: maxModule).boundaries(in: schedule)
    }
}
