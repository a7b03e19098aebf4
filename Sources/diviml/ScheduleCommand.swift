import ArgumentParser
import DiviML
import Foundation

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Map a model onto a platform and write the plan.",
        discussion: """
        Prints a short summary; writes the plan JSON (--out, '-' for stdout), the fully costed \
        problem JSON (--problem-out) and a Gantt chart (--gantt) when asked.
        """)

    @OptionGroup var input: ModelArguments

    @OptionGroup(title: "Splitting, serving targets and memory") var splitting: SplittingArguments

    @Option(help: "latency (one inference as soon as possible) or throughput (pipelined inferences per second).")
    var objective: Plan.Objective = .latency

    @Option(help: "Solver: auto, \(SolverCatalog.latencyNames.joined(separator: ", ")) (throughput: auto and split add data parallelism).")
    var solver = "auto"

    @Option(help: "Seed for randomized solvers.")
    var seed: UInt64 = 1

    @Option(help: "Time limit for solvers that search, seconds.")
    var timeLimit: Double = 60

    @Flag(help: "Show solver progress on stderr (on by default when stderr is a terminal).")
    var progress = false

    @Option(help: "Exact engines: stop once the relative gap between schedule and bound is at most this.")
    var gap: Double = 0

    @Option(help: "milp: write the model in MPS format here before solving (for Gurobi, CPLEX, …).")
    var writeMPS: String?

    @Option(help: "milp: write the model in LP format here before solving.")
    var writeLP: String?

    @Option(help: "Write the plan JSON here ('-' for stdout; the summary then goes to stderr).")
    var out: String?

    @Option(help: "Write the fully costed problem JSON here.")
    var problemOut: String?

    @Option(help: "Write a Gantt chart (SVG) here.")
    var gantt: String?

    func validate() throws {
        guard timeLimit > 0 else { throw ValidationError("--time-limit must be positive, got \(timeLimit)") }
        guard gap >= 0 else { throw ValidationError("--gap must be at least 0, got \(gap)") }
        if (writeMPS != nil || writeLP != nil) && solver != "milp" {
            throw ValidationError("--write-mps and --write-lp need --solver milp")
        }
    }

    func run() throws {
        try reportingErrors {
            let loaded = try input.problem()
            let (problem, platform) = (try splitting.apply(to: loaded.problem), loaded.platform)
            let options = SolveOptions(timeLimit: timeLimit, seed: seed, progress: progress || isatty(2) == 1)
            let exact = SolverCatalog.ExactSettings(relativeGap: gap, writeMPS: writeMPS, writeLP: writeLP)
            if SolverCatalog.exactNames.contains(solver) { SolveInterruption.installSignalHandler() }
            var summary: String
            var plan: Plan
            var schedule: Schedule
            switch objective {
            case .latency:
                let made = try Planner.latency(problem, solver: try splitting.latencySolver(solver, batch: input.batch, exact: exact), options: options, platform: platform)
                (plan, schedule) = (made.plan, made.schedule)
                summary = PlanSummary.latency(plan, problem: problem, schedule: schedule)
            case .throughput where SplittingArguments.replicates(solver):
                let made = try Planner.replicatedThroughput(problem, solver: splitting.dataParallel, options: options,
                                                            platform: platform, batch: input.batch)
                plan = made.plan
                schedule = try Simulator.run(problem, placement: made.result.replicas[0])
                summary = PlanSummary.replicated(plan, problem: problem, replicas: made.result.replicas)
            case .throughput:
                let made = try Planner.throughput(problem, solver: try splitting.throughputSolver(solver, exact: exact), options: options,
                                                  platform: platform, batch: input.batch)
                plan = made.plan
                schedule = try made.result.passSchedule.flatMap { $0.device == made.placement ? $0 : nil } ?? Simulator.run(problem, placement: made.placement)
                summary = PlanSummary.throughput(plan, problem: problem, placement: made.placement)
            }
            if let measured = loaded.measured {
                plan.recordCostSources(measured, problem: problem)
                summary += "\ncosts: " + measured.provenanceSummary(for: problem)
            }
            if out == "-" { printError(summary) } else { print(summary) }
            if let path = out { try writeOutput(try plan.jsonData(), to: path) }
            if let path = problemOut { try writeOutput(try problem.jsonData(), to: path) }
            if let path = gantt {
                let title = "\(problem.name) on \(platform ?? "problem devices"): \(plan.solver), makespan \(formatSeconds(schedule.makespan))"
                var chart = GanttChart(title: title)
                if objective == .latency { chart.markers = splitting.markers(solver, problem: problem, schedule: schedule) }
                try writeOutput(Data(chart.svg(schedule, problem: problem).utf8), to: path)
            }
        }
    }
}
