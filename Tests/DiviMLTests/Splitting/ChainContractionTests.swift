import DiviMLTestSupport
import Testing
@testable import DiviML

/// Chains merged for the exact engine: a run of single-out, single-in edges becomes one node
/// with the summed costs and weights; forks, joins, different allowed devices, different
/// groups and release times stop a chain; every merged schedule expands to a valid schedule
/// of the original with the same makespan.
@Suite("Chain contraction")
struct ChainContractionTests {
    /// a → b → c → d and an independent e; c and d may be given a group, the GPU alone, or
    /// (c only) a release time.
    static func chainAndLoner(groupOfC: String? = nil, cOnlyOnGPU: Bool = false, releaseOfC: Double = 0) throws -> SchedulingProblem {
        let devices = [SchedulingProblem.DeviceInfo(name: "cpu", kind: .cpu, memoryBytes: 1 << 30),
                       SchedulingProblem.DeviceInfo(name: "gpu", kind: .gpu, memoryBytes: 1 << 30)]
        let nodes = [SchedulingProblem.Node(name: "a", op: "Conv", cost: [4, 1], paramBytes: 10),
                     .init(name: "b", op: "Relu", cost: [2, 1], paramBytes: 20),
                     .init(name: "c", op: "Conv", cost: [cOnlyOnGPU ? nil : 3, 2], paramBytes: 30, group: groupOfC),
                     .init(name: "d", op: "Add", cost: [cOnlyOnGPU ? nil : 1, 1], group: groupOfC),
                     .init(name: "e", op: "Conv", cost: [5, 2])]
        let edges = [DataEdge(from: 0, to: 1, bytes: 1_000), .init(from: 1, to: 2, bytes: 1_000), .init(from: 2, to: 3, bytes: 1_000)]
        return try SchedulingProblem(name: "chain", devices: devices, host: 0, latency: [[0, 1e-3], [1e-3, 0]],
                                     bandwidth: [[0, 1e6], [1e6, 0]], nodes: nodes, edges: edges, io: .free,
                                     release: [0, 0, releaseOfC, 0, 0])
    }

    @Test func aChainBecomesOneNodeWithSummedCostsAndWeights() throws {
        let contraction = try #require(ChainContraction(try Self.chainAndLoner()))
        #expect(contraction.members.sorted { $0[0] < $1[0] } == [[0, 1, 2, 3], [4]])
        let chain = try #require(contraction.members.firstIndex(of: [0, 1, 2, 3]))
        #expect(contraction.merged.nodes[chain].cost == [10, 5])
        #expect(contraction.merged.nodes[chain].paramBytes == 60)
        #expect(contraction.merged.edges.isEmpty)
    }

    @Test func differentDevicesGroupsOrAReleaseTimeStopAChain() throws {
        for problem in [try Self.chainAndLoner(cOnlyOnGPU: true), try Self.chainAndLoner(groupOfC: "g"),
                        try Self.chainAndLoner(releaseOfC: 1)] {
            let contraction = try #require(ChainContraction(problem))
            #expect(contraction.members.sorted { $0[0] < $1[0] } == [[0, 1], [2, 3], [4]])
            #expect(contraction.merged.edges.count == 1)
        }
    }

    @Test(arguments: 1...20 as ClosedRange<UInt64>)
    func onlySingleOutSingleInEdgesAreMerged(seed: UInt64) throws {
        let problem = RandomInstances.tiny(nodes: 7, devices: 2, seed: seed)
        guard let contraction = ChainContraction(problem) else { return }
        #expect(contraction.members.flatMap { $0 }.sorted() == Array(problem.nodes.indices))
        for chain in contraction.members {
            for (u, v) in zip(chain, chain.dropFirst()) {
                #expect(problem.outgoing[u].count == 1 && problem.incoming[v].count == 1)
                #expect(problem.edges[problem.outgoing[u][0]].to == v)
            }
        }
        // HEFT may find no room for a merged chain's summed weights where it would for its members.
        guard let merged = try? HEFTSolver().solve(contraction.merged, options: SolveOptions()).schedule else { return }
        #expect(Validator.violations(of: contraction.expand(merged, of: problem), for: problem).isEmpty)
    }

    @Test func everyMergedScheduleExpandsToAValidScheduleOfTheSameMakespan() throws {
        let graph = try ModelZoo.build("randwire-er", options: ModelOptions(randwireNodes: 8))
        let problem = try SchedulingProblem(graph: graph, platform: try BuiltinPlatforms.named("paper-node")).replacing(io: .free)
        let contraction = try #require(ChainContraction(problem))
        #expect(contraction.merged.nodes.count < problem.nodes.count)
        #expect(contraction.members.flatMap { $0 }.sorted() == Array(problem.nodes.indices))
        for solver in [HEFTSolver(), GreedySolver()] as [any LatencySolver] {
            let merged = try #require(try solver.solve(contraction.merged, options: SolveOptions()).schedule)
            let expanded = contraction.expand(merged, of: problem)
            #expect(Validator.violations(of: expanded, for: problem).isEmpty)
            #expect(abs(expanded.makespan - merged.makespan) <= 1e-12 * merged.makespan)
        }
    }

    @Test func aProblemWithHostInputsIsNotMerged() throws {
        let graph = try ModelZoo.build("randwire-er", options: ModelOptions(randwireNodes: 8))
        let problem = try SchedulingProblem(graph: graph, platform: try BuiltinPlatforms.named("paper-node"))
        #expect(ChainContraction(try problem.replacing(io: .host)) == nil)
    }
}
