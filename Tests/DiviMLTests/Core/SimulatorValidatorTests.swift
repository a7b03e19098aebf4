import Testing
@testable import DiviML

@Suite("Simulator and validator")
struct SimulatorValidatorTests {
    /// Two devices, a -> b -> c, b heavy on device 0.
    func chain() throws -> SchedulingProblem {
        try SchedulingProblem(
            name: "chain",
            devices: [.init(name: "cpu", kind: .cpu, memoryBytes: 100), .init(name: "gpu", kind: .gpu, memoryBytes: 10)],
            host: 0, latency: [[0, 1], [1, 0]], bandwidth: [[.infinity, 10], [10, .infinity]],
            nodes: [.init(name: "a", op: "Conv", cost: [2, 1], paramBytes: 8),
                    .init(name: "b", op: "Conv", cost: [10, 1], paramBytes: 8),
                    .init(name: "c", op: "Relu", cost: [1, nil])],
            edges: [.init(from: 0, to: 1, bytes: 20), .init(from: 1, to: 2, bytes: 20)], io: .free)
    }

    @Test func simulatesTransfersAndPrecedence() throws {
        let p = try chain()
        let s = try Simulator.run(p, placement: [0, 1, 0])
        // a on cpu [0,2]; transfer 1 + 20/10 = 3 -> b on gpu [5,6]; back 3 -> c [9,10].
        #expect(s.start == [0, 5, 9])
        #expect(s.finish == [2, 6, 10])
        #expect(Validator.violations(of: s, for: p).isEmpty)
        #expect(p.transfers(of: s).map(\.finish) == [5, 9])
    }

    @Test func fixedOrderAndDeadlock() throws {
        let p = try chain()
        let s = try Simulator.run(p, placement: [0, 0, 0], order: [[0, 1, 2], []])
        #expect(s.makespan == 13)
        #expect(throws: Simulator.Failure.self) { try Simulator.run(p, placement: [0, 0, 0], order: [[1, 0, 2], []]) }
        #expect(throws: Simulator.Failure.notAllowed(node: "c", device: "gpu")) { try Simulator.run(p, placement: [0, 0, 1]) }
    }

    @Test func validatorFindsEveryKindOfViolation() throws {
        let p = try chain()
        let good = try Simulator.run(p, placement: [0, 1, 0])
        var early = good
        early.start[1] = 4; early.finish[1] = 5
        #expect(Validator.violations(of: early, for: p).contains { if case .precedence = $0 { true } else { false } })
        var wrongCost = good
        wrongCost.finish[0] = 3
        #expect(Validator.violations(of: wrongCost, for: p).contains { if case .badTimes = $0 { true } else { false } })
        var notAllowed = good
        notAllowed.device[2] = 1
        #expect(Validator.violations(of: notAllowed, for: p) == [.notAllowed(node: "c", device: "gpu")])
        let overfull = try Simulator.run(p, placement: [1, 1, 0]) // 16 bytes on a 10-byte gpu
        #expect(Validator.violations(of: overfull, for: p).contains(.memory(device: "gpu", usedBytes: 16, capacityBytes: 10)))
        var overlap = try Simulator.run(p, placement: [0, 0, 0])
        overlap.start[1] = 1.5; overlap.finish[1] = 11.5; overlap.start[2] = 11.5; overlap.finish[2] = 12.5
        #expect(Validator.violations(of: overlap, for: p).contains(.overlap(device: "cpu", first: "a", second: "b")))
    }

    @Test("a schedule of the wrong length is wrongSize, and nothing else is checked")
    func wrongSize() throws {
        let p = try chain()
        let good = try Simulator.run(p, placement: [0, 1, 0])
        let short = Schedule(device: Array(good.device.prefix(2)), start: Array(good.start.prefix(2)), finish: Array(good.finish.prefix(2)))
        #expect(Validator.violations(of: short, for: p) == [.wrongSize(expected: 3, found: 2)])
    }

    @Test("a device index outside the platform is unknownDevice")
    func unknownDevice() throws {
        let p = try chain()
        var s = try Simulator.run(p, placement: [0, 1, 0])
        s.device[1] = 2
        #expect(Validator.violations(of: s, for: p) == [.unknownDevice(node: "b", device: 2)])
        s.device[1] = -1
        #expect(Validator.violations(of: s, for: p) == [.unknownDevice(node: "b", device: -1)])
    }

    @Test("with host I/O, an input or output node off the host is hostIO; with free I/O it is not")
    func hostIO() throws {
        let base = try chain()
        // The pseudo-nodes may run anywhere (cost 0 on both devices), so only the host rule forbids the gpu.
        let nodes = base.nodes + [.init(name: "input:x", op: HostIO.inputOp, cost: [0, 0]),
                                  .init(name: "output:y", op: HostIO.outputOp, cost: [0, 0])]
        let edges = base.edges + [.init(from: 3, to: 0, bytes: 0), .init(from: 2, to: 4, bytes: 0)]
        func problem(_ io: SchedulingProblem.IOMode) throws -> SchedulingProblem {
            try SchedulingProblem(name: "io", devices: base.devices, host: 0, latency: base.latency, bandwidth: base.bandwidth,
                                  nodes: nodes, edges: edges, io: io)
        }
        let hosted = try problem(.host)
        #expect(Validator.violations(of: try Simulator.run(hosted, placement: [0, 1, 0, 0, 0]), for: hosted).isEmpty)
        let offHost = try Simulator.run(hosted, placement: [0, 1, 0, 1, 1])
        #expect(Validator.violations(of: offHost, for: hosted) == [.hostIO(node: "input:x", device: "gpu"),
                                                                 .hostIO(node: "output:y", device: "gpu")])
        let free = try problem(.free)
        #expect(Validator.violations(of: try Simulator.run(free, placement: [0, 1, 0, 1, 1]), for: free).isEmpty)
    }

    @Test func releaseAndDeviceReadyTimesAreHonoured() throws {
        let base = try chain()
        let p = try base.replacing(name: "ctx", host: 0, io: .free, release: [4, 0, 0], deviceReady: [0, 20])
        let s = try Simulator.run(p, placement: [0, 1, 0])
        #expect(s.start[0] == 4 && s.start[1] == 20)
        #expect(Validator.violations(of: s, for: p).isEmpty)
        var bad = s
        bad.start[0] = 0; bad.finish[0] = 2
        #expect(Validator.violations(of: bad, for: p).contains(.early(node: "a", start: 0, earliest: 4)))
    }

    @Test func groupsMustStayTogether() throws {
        let base = try chain()
        var nodes = base.nodes
        nodes[0].group = "g"; nodes[1].group = "g"
        let p = try base.replacing(name: "g", host: 0, nodes: nodes, io: .free)
        let split = try Simulator.run(p, placement: [0, 1, 0])
        #expect(Validator.violations(of: split, for: p).contains { if case .groupSplit = $0 { true } else { false } })
    }

    @Test func throughputLoadsAndBottleneck() throws {
        let p = try chain()
        let load = PipelineLoad(problem: p, placement: [0, 1, 0])
        #expect(load.deviceLoad == [3, 1])
        #expect(load.linkLoad[0][1] == 3 && load.linkLoad[1][0] == 3)
        #expect(load.period == 3)
        #expect(load.bottleneck == .device(0))
    }
}
