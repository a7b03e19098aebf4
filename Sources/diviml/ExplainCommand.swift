import ArgumentParser
import CommandSupport
import DiviML
import Foundation

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Say in plain words why a plan is what it is.",
        discussion: """
        Reads a plan JSON and the problem it was made for, checks that they match (the \
        simulator must give back the plan's times), and prints its critical path, its \
        bottleneck, the makespan if each of its heaviest nodes moved to each other device, \
        what the gap to the lower bound is made of, and for throughput plans what limits \
        the period. Without --problem, a plan of a built-in model on a built-in platform \
        is rebuilt with default options; any other plan needs the problem file written \
        with it (schedule --problem-out).
        """)

    @Argument(help: "A plan JSON written by `diviml schedule --out`.")
    var plan: String

    @Option(help: "The fully costed problem JSON the plan was made for (`diviml schedule --problem-out`).")
    var problem: String?

    @Option(parsing: .unconditional, help: "How many of the longest nodes to try on every other device.")
    var heaviest: Int = 5

    @Option(help: "Also write the interactive HTML report of the plan here.")
    var report: String?

    func validate() throws {
        guard heaviest >= 0 else { throw ValidationError("--heaviest must be at least 0, got \(heaviest)") }
    }

    func run() throws {
        try reportingErrors {
            let loaded = try Plan.load(path: plan)
            let (costed, passes) = try problemAndPasses(for: loaded)
            let explanation = PlanExplanation(plan: loaded, problem: costed, passes: passes, heaviest: heaviest)
            let what = loaded.objective == .latency ? "makespan \(seconds(loaded.makespanSeconds))" : "period \(seconds(loaded.periodSeconds))"
            print("\(loaded.model) on \(loaded.platform ?? "the problem's devices"): \(loaded.solver) plan, \(what)")
            for section in explanation.sections {
                print("\n\(section.title)")
                for line in section.lines { print(line) }
            }
            if let path = report {
                let page = try ReportPage.html(PlanReport(plan: loaded, problem: costed, passes: passes, heaviest: heaviest))
                try writeOutput(Data(page.utf8), to: path)
            }
        }
    }

    /// The problem (`--problem`, or rebuilt from the built-in model and platform the plan
    /// names) and the plan's passes checked against it.
    private func problemAndPasses(for loaded: Plan) throws -> (SchedulingProblem, [Schedule]) {
        if let path = problem {
            let costed = try SchedulingProblem.load(path: path)
            return (costed, try loaded.passes(on: costed, file: plan))
        }
        let need = "pass the problem file written with it: diviml schedule ... --out \(plan) --problem-out problem.json, "
            + "then diviml explain \(plan) --problem problem.json"
        guard ModelZoo.catalog.contains(where: { $0.name == loaded.model }),
              let platform = loaded.platform, BuiltinPlatforms.all.contains(where: { $0.name == platform }) else {
            throw InputError.conflictingOptions("\(plan) names model '\(loaded.model)' on \(loaded.platform.map { "'\($0)'" } ?? "the problem's own devices"), "
                + "which is not a built-in model on a built-in platform, so its problem cannot be rebuilt; \(need)")
        }
        let graph = try ModelZoo.build(loaded.model, options: ModelOptions(batch: loaded.batch ?? 1))
        let costed = try SchedulingProblem(graph: graph, platform: try BuiltinPlatforms.named(platform), costModel: RooflineCostModel(), io: .host)
        do {
            return (costed, try loaded.passes(on: costed, file: plan))
        } catch let error as InputError {
            throw InputError.conflictingOptions("\(error.description); the plan does not record the options it was made with "
                + "(batch, micro-batches, costs, constraints, I/O), and the defaults do not rebuild its problem: \(need)")
        }
    }
}
