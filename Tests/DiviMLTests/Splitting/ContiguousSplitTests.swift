import Foundation
import Testing
@testable import DiviML

/// Contiguous stretches cut by dynamic programming (`ContiguousSplitSolver`, issue 10 §4):
/// where memory forces cuts, they fall on the cheapest tensors, and every plan fits.
@Suite("Contiguous stretches cut by dynamic programming")
struct ContiguousSplitTests {
    /// A chain a → b → c → d of 1 ms nodes of one weight unit each on two accelerators that
    /// hold three units each, and a CPU (1 s a node) that holds everything; the tensors
    /// a → b and c → d take 100 ms to move, b → c 1 µs.
    private func chain() throws -> SchedulingProblem {
        let unit: Int64 = 1 << 20
        let devices = [SchedulingProblem.DeviceInfo(name: "acc0", kind: .accelerator, memoryBytes: 3 * unit),
                       SchedulingProblem.DeviceInfo(name: "acc1", kind: .accelerator, memoryBytes: 3 * unit),
                       SchedulingProblem.DeviceInfo(name: "cpu", kind: .cpu, memoryBytes: 1 << 40)]
        let nodes = "abcd".map { SchedulingProblem.Node(name: String($0), op: "Op", cost: [1e-3, 1e-3, 1], paramBytes: unit) }
        let edges = [100_000_000, 1_000, 100_000_000].enumerated().map { SchedulingProblem.Edge(from: $0, to: $0 + 1, bytes: Int64($1)) }
        let zero = [[Double]](repeating: [0, 0, 0], count: 3)
        let bandwidth = [[Double]](repeating: [1e9, 1e9, 1e9], count: 3)
        return try SchedulingProblem(name: "chain", devices: devices, host: 2, latency: zero, bandwidth: bandwidth,
                                     nodes: nodes, edges: edges, io: .free)
    }

    @Test("a forced cut falls on the cheapest tensor, where filling each device as far as it goes cuts a dear one")
    func cutsOnTheCheapestTensor() throws {
        let problem = try chain()
        let schedule = try #require(try ContiguousSplitSolver().solve(problem, options: SolveOptions()).schedule)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
        #expect(schedule.device[0] == schedule.device[1] && schedule.device[2] == schedule.device[3])
        #expect(schedule.device[1] != schedule.device[2] && schedule.device[0] != 2 && schedule.device[2] != 2)
        #expect(abs(schedule.makespan - (4e-3 + 1e-6)) < 1e-12)
        let fill = try #require(try MemoryFillSolver().solve(problem, options: SolveOptions()).schedule)
        #expect(fill.makespan > 0.1, "the fill keeps a, b, c together and moves 100 ms at c → d")
    }

    @Test("when the accelerators' memory runs out, the device with room takes one stretch, paying one transfer")
    func deviceWithRoomTakesOneStretch() throws {
        // One accelerator of three units (acc1 holds nothing): one node must run on the CPU,
        // at an end of the chain, so that one 100 ms tensor crosses and not two.
        let base = try chain()
        var devices = base.devices
        devices[1].memoryBytes = 0
        let problem = try base.replacing(devices: devices)
        let schedule = try #require(try ContiguousSplitSolver().solve(problem, options: SolveOptions()).schedule)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
        #expect(schedule.device.filter { $0 == 2 }.count == 1 && (schedule.device[0] == 2 || schedule.device[3] == 2))
        #expect(abs(schedule.makespan - (1 + 0.1 + 3e-3)) < 1e-9)
    }

    @Test("blocks in rank order: topological, the highest-ranked ready block first, where depth first takes the last found")
    func blocksInRankOrder() throws {
        // The diamond 0 → {1, 2} → 3.
        let device = SchedulingProblem.DeviceInfo(name: "d", kind: .cpu, memoryBytes: 1 << 30)
        let nodes = (0..<4).map { SchedulingProblem.Node(name: "n\($0)", op: "Op", cost: [1]) }
        let edges = [(0, 1), (0, 2), (1, 3), (2, 3)].map { SchedulingProblem.Edge(from: $0.0, to: $0.1, bytes: 0) }
        let problem = try SchedulingProblem(name: "diamond", devices: [device], host: 0, latency: [[0]], bandwidth: [[1]],
                                            nodes: nodes, edges: edges, io: .free)
        #expect(InseparableBlocks(problem).blocks == [[0], [2], [1], [3]])
        #expect(InseparableBlocks(problem, rank: [4, 3, 1, 0]).blocks == [[0], [1], [2], [3]])
    }

    @Test("on memory-bound random graphs every plan fits and is the same twice")
    func memoryBoundRandomGraphs() throws {
        for seed in UInt64(1)...4 {
            let base = try TestInstances.randomDAG(nodes: 120, devices: 3, seed: seed, memoryBytes: 1 << 40, paramBytes: 10_000)
            let devices = base.devices.enumerated().map { k, d in
                SchedulingProblem.DeviceInfo(name: d.name, kind: d.kind, memoryBytes: k == 0 ? 1 << 40 : 500_000)
            }
            let problem = try base.replacing(devices: devices)
            let first = try #require(try ContiguousSplitSolver().solve(problem, options: SolveOptions()).schedule)
            let again = try #require(try ContiguousSplitSolver().solve(problem, options: SolveOptions()).schedule)
            #expect(Validator.violations(of: first, for: problem).isEmpty, "seed \(seed)")
            #expect(first == again, "seed \(seed)")
        }
    }

    @Test("with forty different devices short of memory, the program keeps a few classes and the plan fits")
    func manyDeviceClasses() throws {
        let base = try TestInstances.randomDAG(nodes: 80, devices: 40, seed: 6, memoryBytes: 1 << 40, paramBytes: 10_000)
        let devices = base.devices.enumerated().map { k, d in
            SchedulingProblem.DeviceInfo(name: d.name, kind: d.kind, memoryBytes: k == 0 ? 1 << 40 : 200_000 + Int64(k))
        }
        let problem = try base.replacing(devices: devices)
        #expect(DeviceClass.classes(problem).count == 40)
        #expect(StretchProgram(problem).classes.count <= ContiguousSplitSolver.classCap)
        let schedule = try #require(try ContiguousSplitSolver().solve(problem, options: SolveOptions()).schedule)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
    }

    @Test("on every public latency input the plan is valid and splitting is never worse", arguments: PeerSplitTests.latencyInputs)
    func publicInputs(path: String) throws {
        let problem = try loadDevicePlacementProblem(path: path)
        let contiguous = try #require(try ContiguousSplitSolver().solve(problem, options: SolveOptions()).schedule)
        #expect(Validator.violations(of: contiguous, for: problem).isEmpty)
        for members in problem.groups.values { #expect(Set(members.map { contiguous.device[$0] }).count == 1) }
        let split = try #require(try SplittingSolver(moduleSolver: nil).solve(problem, options: SolveOptions()).schedule)
        #expect(split.makespan <= contiguous.makespan * (1 + 1e-12), "\(problem.name)")
    }
}
