import Foundation
import Testing
@testable import DiviML

/// The peer latency greedy (Tarnawski et al., NeurIPS 2020, Appendix F) and its result JSON:
/// the split it makes, and any split file, evaluated in our model (issue 10).
@Suite("Peer latency greedy and split files")
struct PeerSplitTests {
    static var latencyInputs: [String] { (try? MSRFiddleData.files())?.filter { $0.contains("latency-inputs") } ?? [] }

    /// Nodes reachable from `set` that also reach into it, outside it: empty exactly when
    /// the set is contiguous (convex) in the DAG.
    private func outsideBetween(_ set: Set<Int>, _ problem: SchedulingProblem) -> Set<Int> {
        func closure(_ step: (Int) -> [Int]) -> Set<Int> {
            var seen = Set<Int>(), stack = Array(set)
            while let v = stack.popLast() { for w in step(v) where seen.insert(w).inserted { stack.append(w) } }
            return seen
        }
        let below = closure { problem.outgoing[$0].map { problem.edges[$0].to } }
        let above = closure { problem.incoming[$0].map { problem.edges[$0].from } }
        return below.intersection(above).subtracting(set)
    }

    @Test("on every public latency input the split fits, keeps colour classes whole and each accelerator contiguous",
          arguments: latencyInputs)
    func splitIsContiguousAndFits(path: String) throws {
        let problem = try loadDevicePlacementProblem(path: path)
        let split = PeerLatencyGreedy.split(problem)
        let all = split.accelerators.flatMap { $0 } + split.cpu
        #expect(all.sorted() == Array(problem.nodes.indices), "every node once")
        #expect(split.accelerators.count <= PeerLatencyGreedy.accelerators(problem).count)
        for (i, nodes) in split.accelerators.enumerated() {
            let bytes = nodes.reduce(Int64(0)) { $0 + problem.nodes[$1].paramBytes }
            #expect(bytes <= problem.devices[PeerLatencyGreedy.accelerators(problem)[i]].memoryBytes, "fpgas[\(i)]")
            #expect(outsideBetween(Set(nodes), problem).isEmpty, "fpgas[\(i)] contiguous")
        }
        let placement = PeerLatencyGreedy.placement(problem, split: split)
        for members in problem.groups.values { #expect(Set(members.map { placement[$0] }).count == 1) }
        let schedule = try #require(try PeerLatencyGreedy().solve(problem, options: SolveOptions()).schedule)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
    }

    @Test("the split written as msr-fiddle's result JSON reads back as the same placement and plan", arguments: latencyInputs)
    func splitRoundTrips(path: String) throws {
        let problem = try loadDevicePlacementProblem(path: path)
        let split = PeerLatencyGreedy.split(problem)
        let file = try ONNXFixtures.scratchDirectory("peer-split").appendingPathComponent(problem.name + ".split.json")
        try devicePlacementSplitJSON(split, input: path).write(to: file)
        let placement = try loadDevicePlacementSplit(path: file.path, input: path, problem: problem)
        #expect(placement == PeerLatencyGreedy.placement(problem, split: split))
        let plan = try Planner.evaluate(problem, placement: placement, name: "split", settings: PlanSettings()).plan
        let direct = try #require(try PeerLatencyGreedy().solve(problem, options: SolveOptions()).schedule)
        #expect(plan.makespanSeconds == direct.makespan)
    }

    @Test("splitting is never worse than the peer greedy on the public latency inputs", arguments: latencyInputs)
    func splittingBeatsThePeer(path: String) throws {
        let problem = try loadDevicePlacementProblem(path: path)
        let peer = try #require(try PeerLatencyGreedy().solve(problem, options: SolveOptions()).schedule)
        let split = try #require(try SplittingSolver(moduleSolver: nil).solve(problem, options: SolveOptions()).schedule)
        #expect(Validator.violations(of: split, for: problem).isEmpty)
        #expect(split.makespan <= peer.makespan * (1 + 1e-12), "\(problem.name): split \(split.makespan), peer \(peer.makespan)")
    }

    @Test("groups that reach each other through a node form one inseparable block with it")
    func blocksMergeMutuallyReachableGroups() throws {
        // 0 → 1 → 2 with 0 and 2 in one group: 1 must share their device (or a cycle forms).
        let device = SchedulingProblem.DeviceInfo(name: "d", kind: .cpu, memoryBytes: 1 << 30)
        let nodes = ["g", nil, "g", nil].enumerated().map { SchedulingProblem.Node(name: "n\($0)", op: "Op", cost: [1], group: $1) }
        let edges = (0..<3).map { SchedulingProblem.Edge(from: $0, to: $0 + 1, bytes: 0) }
        let problem = try SchedulingProblem(name: "chain", devices: [device], host: 0, latency: [[0]], bandwidth: [[1]],
                                            nodes: nodes, edges: edges, io: .free)
        let blocks = InseparableBlocks(problem).blocks
        #expect(blocks == [[0, 1, 2], [3]])
    }

    // MARK: - Bad split files

    private let input = """
    {"maxFPGAs": 2, "maxCPUs": 2, "maxSizePerFPGA": 100,
     "nodes": [{"id": 10, "cpuLatency": 4, "fpgaLatency": 1, "size": 60, "colorClass": 1},
               {"id": 11, "cpuLatency": 4, "fpgaLatency": 1, "size": 60},
               {"id": 12, "cpuLatency": 4, "fpgaLatency": 1, "supportedOnFpga": 0, "colorClass": 1}],
     "edges": [{"sourceId": 10, "destId": 11, "cost": 1}, {"sourceId": 11, "destId": 12, "cost": 1}]}
    """

    private func evaluate(_ split: String) throws -> [Int?] {
        let dir = try ONNXFixtures.scratchDirectory("peer-split-bad")
        let inputURL = dir.appendingPathComponent("input.json"), splitURL = dir.appendingPathComponent("split.json")
        try Data(input.utf8).write(to: inputURL)
        try Data(split.utf8).write(to: splitURL)
        let problem = try loadDevicePlacementProblem(path: inputURL.path)
        return try loadDevicePlacementSplit(path: splitURL.path, input: inputURL.path, problem: problem)
    }

    @Test("a valid split maps fpgas to accelerators and one cpus list to cores chosen by the list scheduler")
    func validSplit() throws {
        #expect(try evaluate(#"{"fpgas": [{"nodes": [11]}], "cpus": [{"nodes": [10, 12]}]}"#) == [nil, 2, nil])
        #expect(try evaluate(#"{"fpgas": [], "cpus": [{"nodes": [10, 12]}, {"nodes": [11]}], "maxLoad": -1}"#) == [0, 1, 0])
    }

    @Test("a bad split is an error naming the file, the entry and what was found", arguments: [
        (#"{"fpgas": [{"nodes": [11, 99]}], "cpus": [{"nodes": [10, 12]}]}"#, "at fpgas[0].nodes[1]"),
        (#"{"fpgas": [{"nodes": [11]}], "cpus": [{"nodes": [10, 12, 11]}]}"#, "node id in the split"),
        (#"{"fpgas": [{"nodes": [11]}], "cpus": [{"nodes": [10]}]}"#, "every node of the input once, found 1 missing, the first node 12"),
        (#"{"fpgas": [{"nodes": [11]}, {"nodes": []}, {"nodes": []}], "cpus": [{"nodes": [10, 12]}]}"#, "at most 2 accelerators (maxFPGAs), found 3"),
        (#"{"fpgas": [], "cpus": [{"nodes": [10]}, {"nodes": [11]}, {"nodes": [12]}]}"#, "at most 2 CPU cores (maxCPUs), found 3"),
        (#"{"fpgas": [{"nodes": [10, 11]}], "cpus": [{"nodes": [12]}]}"#, "at fpgas[0]: nodes whose sizes fit acc0's 100 B (maxSizePerFPGA), found 120 B"),
        (#"{"fpgas": [{"nodes": [12]}], "cpus": [{"nodes": [10, 11]}]}"#, "found node 12 (supportedOnFpga false)"),
        (#"{"fpgas": [{"nodes": [10]}], "cpus": [{"nodes": [11, 12]}]}"#, "found class 1 on acc0 and the CPU"),
        (#"{"fpgas": [{"nodes": [11],}], "cpus": [{"nodes": [10, 12]}]}"#, "line 1"),
        (#"{"cpus": [{"nodes": [10, 11, 12]}]}"#, "fpgas"),
    ])
    func badSplit(split: String, expected: String) {
        let error = #expect(throws: InputError.self) { try evaluate(split) }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("split.json") && text.contains(expected), "\(text)")
    }
}
