import Foundation
import Testing
@testable import DiviML

/// `schedule --report`, `compare --report` and `diviml explain` from the command line.
@Suite("Command line: reports and explain")
struct ReportCLITests {
    @Test func scheduleWritesAReportAndExplainReadsThePlan() throws {
        let plan = CLIRunner.temporaryPath("r-plan.json"), problem = CLIRunner.temporaryPath("r-problem.json")
        let html = CLIRunner.temporaryPath("r-report.html")
        let run = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--solver", "heft", "--out", plan,
                                     "--problem-out", problem, "--report", html])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        let report = try JSONDecoder().decode(PlanReport.self, from: Data(try ReportPageTests.embeddedJSON(page).utf8))
        #expect(report.solver == "heft" && report.timelines[0].bars.count == 71)
        let written = try Plan.load(path: plan)
        #expect(report.makespan == written.makespanSeconds)

        let explained = try CLIRunner.run(["explain", plan, "--problem", problem])
        #expect(explained.status == 0, "\(explained.stderr)")
        for title in ["Critical path", "Bottleneck", "Heaviest nodes", "Gap"] {
            #expect(explained.stdout.contains("\n\(title)\n"), "\(title) missing:\n\(explained.stdout)")
        }
        #expect(explained.stdout.contains("the whole makespan (\(formatSeconds(written.makespanSeconds!)))"))
        // A plan of a built-in model on a built-in platform rebuilds its own problem.
        let rebuilt = try CLIRunner.run(["explain", plan])
        #expect(rebuilt.status == 0 && rebuilt.stdout == explained.stdout, "\(rebuilt.stderr)")
    }

    @Test func explainSaysWhatItNeeds() throws {
        let plan = CLIRunner.temporaryPath("x-plan.json"), problem = CLIRunner.temporaryPath("x-problem.json")
        let fixture = try #require(Bundle.module.path(forResource: "heft-paper", ofType: "json", inDirectory: "Fixtures"))
        let run = try CLIRunner.run(["schedule", fixture, "--solver", "heft", "--out", plan])
        #expect(run.status == 0, "\(run.stderr)")
        // A problem file's plan cannot be rebuilt from its name.
        let alone = try CLIRunner.run(["explain", plan])
        #expect(alone.status == 64)
        #expect(alone.stderr.contains("--problem problem.json") && alone.stderr.contains("cannot be rebuilt"), "\(alone.stderr)")
        // The wrong problem is named as such.
        let other = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--solver", "heft", "--problem-out", problem])
        #expect(other.status == 0)
        let wrong = try CLIRunner.run(["explain", plan, "--problem", problem])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains(plan) && wrong.stderr.contains("is not defined"), "\(wrong.stderr)")
        let fine = try CLIRunner.run(["explain", plan, "--problem", fixture])
        #expect(fine.status == 0, "\(fine.stderr)")
        // A built-in model planned with options the plan does not record is not rebuilt wrongly.
        let batched = CLIRunner.temporaryPath("x-batch4.json")
        #expect(try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--batch", "4", "--solver", "heft", "--out", batched]).status == 0)
        let rebuilt = try CLIRunner.run(["explain", batched])
        #expect(rebuilt.status == 64 && rebuilt.stderr.contains("the defaults do not rebuild its problem"), "\(rebuilt.stderr)")
        let negative = try CLIRunner.run(["explain", batched, "--heaviest", "-1"])
        #expect(negative.status == 64 && negative.stderr.contains("--heaviest must be at least 0, got -1"), "\(negative.stderr)")
    }

    @Test func explainNamesWhatLimitsAThroughputPlan() throws {
        let plan = CLIRunner.temporaryPath("t-plan.json")
        let run = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--objective", "throughput", "--batch", "4",
                                     "--solver", "heft", "--out", plan])
        #expect(run.status == 0, "\(run.stderr)")
        let written = try Plan.load(path: plan)
        let bottleneck = try #require(written.replicas?.first?.bottleneck)
        // The recorded batch rebuilds the problem, so no --problem is needed.
        let explained = try CLIRunner.run(["explain", plan, "--heaviest", "2"])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("The period, \(formatSeconds(written.periodSeconds!)), is set by the bottleneck \(bottleneck)"),
                "\(explained.stdout)")
        #expect(explained.stdout.contains("The 2 longest nodes") && explained.stdout.contains("period "))
    }

    @Test func compareReportChartsEverySolver() throws {
        let html = CLIRunner.temporaryPath("c-report.html")
        let run = try CLIRunner.run(["compare", "resnet18", "--platform", "paper-node", "--time-limit", "1", "--report", html])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        let report = try JSONDecoder().decode(PlanReport.self, from: Data(try ReportPageTests.embeddedJSON(page).utf8))
        let comparison = try #require(report.comparison)
        let solvers = run.stdout.split(separator: "\n").dropFirst(3).map { String($0.split(separator: " ")[0]) }
        #expect(comparison.rows.map(\.solver) == solvers)
        let best = comparison.rows.compactMap(\.seconds).min()
        #expect(report.makespan == best && comparison.shown == report.solver)
        #expect(comparison.rows.allSatisfy { ($0.seconds ?? .infinity) >= comparison.bound! })
    }
}
