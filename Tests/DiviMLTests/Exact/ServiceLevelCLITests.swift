import Foundation
import Testing
@testable import DiviML

/// `schedule --solver exact` with serving targets: constraints inside CP-SAT, end to end.
@Suite("Command line: exact engines under service levels", .enabled(if: ExactLibraries.ortools))
struct ServiceLevelCLITests {
    static let base = ["schedule", "vgg16", "--platform", "cpu-gpu", "--solver", "exact", "--time-limit", "20"]

    @Test func throughputFloorBindsAndIsMet() throws {
        let free = CLIRunner.temporaryPath("slo-free.json"), best = CLIRunner.temporaryPath("slo-best.json")
        #expect(try CLIRunner.run(Self.base + ["--out", free]).status == 0)
        #expect(try CLIRunner.run(Self.base + ["--objective", "throughput", "--out", best]).status == 0)
        let bestRate = try #require(try Plan.load(path: best).throughputPerSecond)
        let freeMakespan = try #require(try Plan.load(path: free).makespanSeconds)
        let target = bestRate * 0.99
        let floored = CLIRunner.temporaryPath("slo-floor.json")
        let run = try CLIRunner.run(Self.base + ["--min-throughput", String(target), "--out", floored])
        #expect(run.status == 0, "\(run.stderr)")
        let sustained = try #require(run.stdout.firstMatch(of: /sustains ([0-9.e+-]+) passes/).flatMap { Double($0.1) }, "\(run.stdout)")
        #expect(sustained >= target * (1 - 1e-3))
        #expect(try #require(try Plan.load(path: floored).makespanSeconds) >= freeMakespan)
        let unreachable = try CLIRunner.run(Self.base + ["--min-throughput", String(bestRate * 1.05)])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.contains("no plan meets --min-throughput") && unreachable.stderr.contains("highest throughput found"))
    }

    @Test func latencyCeilingIsMetOrReportedWithTheBestLatency() throws {
        let free = CLIRunner.temporaryPath("slo-free-latency.json")
        #expect(try CLIRunner.run(Self.base + ["--out", free]).status == 0)
        let fastest = try #require(try Plan.load(path: free).makespanSeconds)
        let throughput = Self.base + ["--objective", "throughput"]
        let run = try CLIRunner.run(throughput + ["--max-latency", String(fastest * 1.05)])
        #expect(run.status == 0, "\(run.stderr)")
        let pass = try #require(run.stdout.firstMatch(of: /one pass takes ([0-9.e+-]+) s/).flatMap { Double($0.1) }, "\(run.stdout)")
        #expect(pass <= fastest * 1.05 * (1 + 1e-3))
        let unreachable = try CLIRunner.run(throughput + ["--max-latency", String(fastest * 0.9)])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.contains("no plan meets --max-latency") && unreachable.stderr.contains("lowest single-pass latency"))
        let milp = try CLIRunner.run(throughput.map { $0 == "exact" ? "milp" : $0 } + ["--max-latency", String(fastest * 1.05)])
        #expect(milp.status == 0, "\(milp.stderr)")
        let milpPass = try #require(milp.stdout.firstMatch(of: /one pass takes ([0-9.e+-]+) s/).flatMap { Double($0.1) }, "\(milp.stdout)")
        #expect(milpPass <= fastest * 1.05 * (1 + 1e-3))
        let heft = try CLIRunner.run(throughput.map { $0 == "exact" ? "heft" : $0 } + ["--max-latency", "1"])
        #expect(heft.status != 0 && heft.stderr.contains("cannot honour it"))
    }
}
