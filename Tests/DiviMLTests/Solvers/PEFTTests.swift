import Foundation
import Testing
@testable import DiviML

/// PEFT (Arabnejad & Barbosa, IEEE TPDS 2014): the optimistic cost table and the chain it
/// keeps off a slow device (issue 10 §4: list schedulers no longer fill a CPU core while
/// accelerators stand empty).
@Suite("PEFT: list scheduling by an optimistic cost table")
struct PEFTTests {
    /// a → b → c → d; a runs on the CPU only; the others take 1 s on the accelerator and 3 s on
    /// the CPU; every tensor takes 2.5 s between the two.
    private func trap() throws -> SchedulingProblem {
        let devices = [SchedulingProblem.DeviceInfo(name: "acc", kind: .accelerator, memoryBytes: 1 << 40),
                       SchedulingProblem.DeviceInfo(name: "cpu", kind: .cpu, memoryBytes: 1 << 40)]
        let nodes = [SchedulingProblem.Node(name: "a", op: "Op", cost: [nil, 1])]
            + "bcd".map { SchedulingProblem.Node(name: String($0), op: "Op", cost: [1, 3]) }
        let edges = (0..<3).map { SchedulingProblem.Edge(from: $0, to: $0 + 1, bytes: 2_500_000_000) }
        return try SchedulingProblem(name: "trap", devices: devices, host: 1, latency: [[0, 0], [0, 0]],
                                     bandwidth: [[1e9, 1e9], [1e9, 1e9]], nodes: nodes, edges: edges, io: .free)
    }

    @Test("the table is the least time from a node's finish on a device to the end, by hand")
    func tableByHand() throws {
        let oct = PEFTSolver.optimisticCostTable(try trap())
        #expect(oct[3] == [0, 0])
        #expect(oct[2] == [1, 3])        // d after c: on the accelerator 1; from the CPU stay (3) or move (2.5 + 1)
        #expect(oct[1] == [2, 4.5])      // from the CPU: move once (2.5) and run c, d there (2)
        #expect(oct[0] == [3, 5.5])
    }

    @Test("HEFT follows a CPU-only input onto the CPU and stays; PEFT goes back to the accelerator")
    func chainLeavesTheSlowDevice() throws {
        let problem = try trap()
        let heft = try #require(try HEFTSolver().solve(problem, options: SolveOptions()).schedule)
        let peft = try #require(try PEFTSolver().solve(problem, options: SolveOptions()).schedule)
        #expect(heft.device == [1, 1, 1, 1] && heft.makespan == 10)
        #expect(peft.device == [1, 0, 0, 0] && peft.makespan == 6.5)
        #expect(Validator.violations(of: peft, for: problem).isEmpty)
    }
}
