import Foundation
import Testing
@testable import DiviML

/// End-to-end runs of the command-line tool: the contract files it writes, and the
/// words users read when something is wrong.
@Suite("Command line")
struct CLITests {
    @Test func scheduleWritesAPlanThatMatchesTheProblem() throws {
        let planPath = CLIRunner.temporaryPath("plan.json"), problemPath = CLIRunner.temporaryPath("problem.json")
        let svgPath = CLIRunner.temporaryPath("gantt.svg")
        let run = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--out", planPath,
                                     "--problem-out", problemPath, "--gantt", svgPath])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("makespan"))
        let plan = try Plan.load(path: planPath)
        let problem = try SchedulingProblem.load(path: problemPath)
        // The plan, read back against the problem file, is a valid schedule.
        let index = Dictionary(uniqueKeysWithValues: problem.nodes.enumerated().map { ($1.name, $0) })
        var schedule = Schedule(device: .init(repeating: 0, count: problem.nodes.count),
                                start: .init(repeating: 0, count: problem.nodes.count),
                                finish: .init(repeating: 0, count: problem.nodes.count))
        for entry in plan.nodes {
            let v = try #require(index[entry.name])
            schedule.device[v] = try #require(plan.devices.firstIndex(of: entry.device))
            schedule.start[v] = entry.start
            schedule.finish[v] = entry.finish
        }
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
        #expect(abs(schedule.makespan - plan.makespanSeconds!) < 1e-12)
        #expect(plan.lowerBoundSeconds! <= plan.makespanSeconds!)
        let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("<title>"))
    }

    @Test func reschedulingTheProblemFileGivesTheSamePlan() throws {
        let problemPath = CLIRunner.temporaryPath("rt-problem.json")
        let first = try CLIRunner.run(["schedule", "googlenet", "--platform", "paper-node", "--solver", "heft",
                                       "--problem-out", problemPath, "--out", "-"])
        let second = try CLIRunner.run(["schedule", problemPath, "--solver", "heft", "--out", "-"])
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        let a = try JSONDecoder().decode(Plan.self, from: Data(first.stdout.utf8))
        var b = try JSONDecoder().decode(Plan.self, from: Data(second.stdout.utf8))
        b.model = a.model
        b.platform = a.platform
        b.solveSeconds = a.solveSeconds
        #expect(a.nodes == b.nodes && a.transfers == b.transfers && a.makespanSeconds == b.makespanSeconds)
    }

    @Test func throughputPlansListReplicas() throws {
        let run = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--objective", "throughput",
                                     "--batch", "4", "--out", "-"])
        #expect(run.status == 0, "\(run.stderr)")
        let plan = try JSONDecoder().decode(Plan.self, from: Data(run.stdout.utf8))
        #expect(plan.objective == .throughput)
        #expect(plan.replicas?.count == 1)
        #expect(abs(plan.throughputPerSecond! - 4 / plan.periodSeconds!) < 1e-9 * plan.throughputPerSecond!)
        #expect(plan.nodes.allSatisfy { $0.replica == 0 })
    }

    @Test(arguments: [
        (["schedule", "resnt50", "--platform", "paper-node"], "unknown model 'resnt50'; known: resnet18, resnet50"),
        (["schedule", "resnet50", "--platform", "papernode"], "(did you mean 'paper-node'?)"),
        (["schedule", "missing/file.json"], "missing/file.json: cannot be read: no such file"),
    ])
    func badInputGetsOneClearLineAndExitCodeTwo(arguments: [String], message: String) throws {
        let run = try CLIRunner.run(arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!run.stderr.contains("Fatal error"))
    }

    /// A missing option the input needs is a usage error (exit 64), worded as the library's
    /// `InputError.conflictingOptions`.
    @Test func aMissingPlatformIsAUsageError() throws {
        let run = try CLIRunner.run(["schedule", "resnet50"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("needs a platform to be costed on: add --platform"), "\(run.stderr)")
    }

    @Test func anUnknownSolverIsAUsageErrorListingTheChoices() throws {
        let run = try CLIRunner.run(["schedule", "resnet50", "--platform", "paper-node", "--solver", "magic"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("The value 'magic' is invalid for '--solver <solver>'"), "\(run.stderr)")
        for choice in SolverChoice.allCases { #expect(run.stderr.contains("- \(choice.rawValue)"), "\(run.stderr)") }
    }

    @Test func invalidOptionValuesAreRejectedBeforeRunning() throws {
        let run = try CLIRunner.run(["schedule", "resnet50", "--platform", "paper-node", "--batch", "6", "--micro-batches", "4"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--batch 6 is not divisible by --micro-batches 4"))
    }

    @Test func aBoundBudgetIsReportedAndOnlyForLatency() throws {
        let run = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--solver", "heft", "--bound-time-limit", "5", "--out", "-"])
        #expect(run.status == 0, "\(run.stderr)")
        let plan = try JSONDecoder().decode(Plan.self, from: Data(run.stdout.utf8))
        #expect((plan.notes ?? []).contains { $0.hasPrefix("bound: segment relaxations") })
        #expect(plan.lowerBoundComputeSeconds != nil && plan.lowerBoundSeconds! <= plan.makespanSeconds!)
        #expect(run.stderr.contains("lower bound") && run.stderr.contains(", gap"))
        for (extra, message) in [(["--bound-time-limit", "5", "--objective", "throughput"], "--bound-time-limit applies to --objective latency"),
                                 (["--bound-time-limit=-1"], "--bound-time-limit")] {
            let bad = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node"] + extra)
            #expect(bad.status == 64, "\(bad.stderr)")
            #expect(bad.stderr.contains(message), "\(bad.stderr)")
        }
    }

    /// Snapshot of the top-level help: a change to what users read is a deliberate one.
    @Test func helpListsTheCommands() throws {
        let run = try CLIRunner.run(["--help"])
        #expect(run.status == 0)
        for command in ["schedule", "compare", "inspect", "models", "platforms", "bench"] {
            #expect(run.stdout.contains("  \(command)"), "missing \(command)")
        }
    }
}
