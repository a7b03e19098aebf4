import Foundation
import Testing
@testable import DiviML

/// The command line's splitting, throughput, serving-target and memory options, end to end.
@Suite("Command line: splitting and throughput")
struct SplittingCLITests {
    @Test func splitLatencyPlanHasModuleMarkersAndABound() throws {
        let svgPath = CLIRunner.temporaryPath("split.svg"), planPath = CLIRunner.temporaryPath("split-plan.json")
        let run = try CLIRunner.run(["schedule", "randwire-ws", "--platform", "paper-node", "--solver", "split",
                                     "--gantt", svgPath, "--out", planPath, "--max-module", "30"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("modules of"))
        let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
        #expect(svg.contains("end of module 1"))
        let plan = try Plan.load(path: planPath)
        let (bound, makespan) = (try #require(plan.lowerBoundSeconds), try #require(plan.makespanSeconds))
        #expect(bound <= makespan)
    }

    @Test func throughputPlanListsReplicasWithBoundAndGap() throws {
        let planPath = CLIRunner.temporaryPath("tp-plan.json")
        let run = try CLIRunner.run(["schedule", "squeezenet", "--platform", "paper-node", "--objective", "throughput", "--out", planPath])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("period bound") && run.stdout.contains("speedup"))
        let plan = try Plan.load(path: planPath)
        #expect(!(plan.replicas ?? []).isEmpty && plan.gap != nil)
    }

    @Test func unreachableServiceTargetsAreReportedWithTheBestValue() throws {
        let latency = try CLIRunner.run(["schedule", "squeezenet", "--platform", "paper-node", "--objective", "throughput",
                                         "--max-latency", "0.000001"])
        #expect(latency.status == 2)
        #expect(latency.stderr.contains("no plan meets --max-latency") && latency.stderr.contains("lowest single-sample latency found"))
        let throughput = try CLIRunner.run(["schedule", "squeezenet", "--platform", "paper-node", "--min-throughput", "1000000"])
        #expect(throughput.status == 2)
        #expect(throughput.stderr.contains("no plan meets --min-throughput") && throughput.stderr.contains("highest throughput found"))
    }

    @Test func badSplittingOptionsAreRejectedBeforeRunning() throws {
        let run = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--min-module", "50", "--max-module", "10"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--min-module/--max-module is 50/10; allowed: 1 <= --min-module <= --max-module"))
        let scale = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--memory-scale", "0"])
        #expect(scale.stderr.contains("--memory-scale must be a positive number"))
    }

    @Test func shrunkMemorySpreadsTheWeights() throws {
        // At 2% of paper-node's memory no GPU holds VGG-16's 553 MB of weights alone.
        let planPath = CLIRunner.temporaryPath("mem-plan.json")
        let run = try CLIRunner.run(["schedule", "vgg16", "--platform", "paper-node", "--solver", "split", "--memory-scale", "0.02", "--out", planPath])
        #expect(run.status == 0, "\(run.stderr)")
        let plan = try Plan.load(path: planPath)
        #expect(Set(plan.nodes.map(\.device)).count > 1)
    }
}
