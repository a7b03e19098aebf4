import ArgumentParser
import CommandSupport
import DiviML
import Foundation

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Map a model onto a platform and write the plan.",
        discussion: """
        Prints a short summary; writes the plan JSON (--out, '-' for stdout), the fully costed \
        problem JSON (--problem-out), a Gantt chart (--gantt) and an interactive HTML report \
        (--report) when asked.
        """)

    @OptionGroup var input: ModelArguments

    @OptionGroup(title: "Splitting, serving targets and memory") var splitting: SplittingArguments

    @Option(help: "latency (one inference as soon as possible) or throughput (pipelined inferences per second).")
    var objective: Plan.Objective = .latency

    @Option(help: "Solver: \(SolverChoice.allCases.map(\.rawValue).joined(separator: ", ")) (default: auto; throughput: auto and split add data parallelism).")
    var solver: SolverChoice?

    @Option(help: ArgumentHelp("Evaluate this split instead of solving: msr-fiddle/dnn-partitioning's result JSON (fpgas[].nodes, cpus[].nodes) for a device-placement input, e.g. its latency greedy's output.", valueName: "file"))
    var split: String?

    @Option(help: "Seed for randomized solvers.")
    var seed: UInt64 = 1

    @Option(help: "Time limit for solvers that search, seconds.")
    var timeLimit: Double = WorkBudget.defaultSeconds

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

    @Option(help: "Write an interactive HTML report here (one self-contained file: timeline, utilisation, bound, explanation).")
    var report: String?

    func validate() throws {
        try asUsageError {
            try settings(platform: nil).check(for: chosen)
            guard split == nil || (solver == nil && objective == .latency) else {
                throw InputError.conflictingOptions("--split evaluates a given latency placement, so --solver and --objective throughput do not apply")
            }
        }
    }

    /// The solver asked for, auto by default.
    private var chosen: SolverChoice { solver ?? .auto }

    /// The settings of this plan.
    private func settings(platform: String?) -> PlanSettings {
        splitting.settings(objective: objective, timeLimit: timeLimit, seed: seed, progress: progress || isatty(2) == 1,
                           gap: gap, writeMPS: writeMPS, writeLP: writeLP, batch: input.batch, platform: platform)
    }

    func run() throws {
        try reportingErrors {
            let loaded = try input.problem()
            let (problem, platform) = (try splitting.apply(to: loaded.problem), loaded.platform)
            let settings = settings(platform: platform)
            if chosen.isInterruptible { SolveInterruption.installSignalHandler() }
            let outcome: Planner.Outcome
            if let split {
                guard loaded.isDevicePlacement else {
                    throw InputError.conflictingOptions("--split reads node ids of a device-placement JSON input, and \(input.model) is not one")
                }
                let placement = try loadDevicePlacementSplit(path: split, input: input.model, problem: problem)
                outcome = try Planner.evaluate(problem, placement: placement, name: "split \(URL(fileURLWithPath: split).lastPathComponent)", settings: settings)
            } else {
                outcome = try Planner.plan(problem, choice: chosen, settings: settings)
            }
            var plan = outcome.plan
            if !loaded.providers.isEmpty { plan.providers = loaded.providers }
            var summary = PlanSummary.text(outcome, problem: problem)
            if let measured = loaded.measured {
                plan.recordCostSources(measured, problem: problem)
                summary += "\ncosts: " + measured.provenanceSummary(for: problem)
            }
            if out == "-" { printError(summary) } else { print(summary) }
            if let path = out { try writeOutput(try plan.jsonData(), to: path) }
            if let path = problemOut { try writeOutput(try problem.jsonData(), to: path) }
            if let path = gantt {
                let schedule = outcome.schedule
                let title = "\(problem.name) on \(platform ?? "problem devices"): \(plan.solver), makespan \(formatSeconds(schedule.makespan))"
                var chart = GanttChart(title: title)
                chart.markers = outcome.moduleMarkers
                try writeOutput(Data(chart.svg(schedule, problem: problem).utf8), to: path)
            }
            if let path = report {
                let markers = outcome.moduleMarkers.map { Timeline.Marker(time: $0.time, label: $0.label) }
                let page = try ReportPage.html(PlanReport(plan: plan, problem: problem, passes: outcome.passes, markers: markers))
                try writeOutput(Data(page.utf8), to: path)
            }
        }
    }
}
