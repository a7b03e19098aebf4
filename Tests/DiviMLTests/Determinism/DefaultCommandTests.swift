import Foundation
import Testing
@testable import DiviML

/// Same input, same plan, for the command users run most: `diviml schedule` with every
/// default, twice, on a branchy model (GoogLeNet: splitting with CP-SAT modules for
/// latency, data parallelism over model-parallel pipelines for throughput).
@Suite("The default command twice")
struct DefaultCommandTests {
    static func plan(_ extra: [String]) throws -> Plan {
        let run = try CLIRunner.run(["schedule", "googlenet", "--platform", "paper-node", "--out", "-"] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONDecoder().decode(Plan.self, from: Data(run.stdout.utf8))
    }

    @Test(arguments: [[], ["--objective", "throughput"]])
    func givesTheSamePlanNodeByNode(extra: [String]) throws {
        let first = try Self.plan(extra)
        let second = try Self.plan(extra)
        #expect(first.nodes.count == second.nodes.count && !first.nodes.isEmpty)
        for (a, b) in zip(first.nodes, second.nodes) {
            #expect(a == b, "node \(a.name): \(a.device) at \(a.start) vs \(b.device) at \(b.start)")
        }
        #expect(first.transfers == second.transfers)
        #expect(first.replicas == second.replicas)
        #expect(first.makespanSeconds == second.makespanSeconds && first.periodSeconds == second.periodSeconds)
        #expect(!(first.notes ?? []).contains { $0.contains("may vary") }, "\(first.notes ?? [])")
    }
}
