import Foundation
import Testing
@testable import DiviML
import DiviMLTestSupport

/// The report's and the explanation's models: critical path, bottleneck, moved nodes,
/// gap parts, period limits, timelines, palette, and the plan read back as schedules.
@Suite("Report and explanation models")
struct ReportModelTests {
    @Test func criticalPathOfAChainFollowsItsTransfers() throws {
        let p = try ReportFixtures.chain()
        let s = try Simulator.run(p, placement: [0, 1, 0])
        let path = CriticalPath(problem: p, schedule: s)
        // a on cpu [0,2], 3 s to the gpu, b [5,6], 3 s back, c [9,10].
        #expect(path.steps.map(\.kind) == [.node, .transfer, .node, .transfer, .node])
        #expect(path.steps.map(\.start) == [0, 2, 5, 6, 9])
        #expect(path.length == 10 && path.waiting == 0 && path.makespan == s.makespan)
        let shares = PathBottleneck(path: path, problem: p).shares
        #expect(Set(shares.map(\.resource)) == ["cpu", "gpu", "link cpu → gpu", "link gpu → cpu"])
        #expect(shares.first { $0.resource == "cpu" }?.seconds == 3)
        #expect(shares.first { $0.resource == "link cpu → gpu" }?.bytes == 20)
    }

    @Test func criticalPathThroughABusyDevice() throws {
        let p = try ReportFixtures.fork()
        let s = try Simulator.run(p, placement: [0, 0, 0], order: [[0, 1, 2], []])
        let path = CriticalPath(problem: p, schedule: s)
        // x [0,3], y waits for d0 [3,7], z [7,8]: y follows x because of the device, not data.
        #expect(path.steps.map(\.node) == [0, 1, 2])
        #expect(path.steps.map(\.cause) == [.start, .device, .data])
        #expect(path.length == 8)
        #expect(CriticalPath.dependencyLength(problem: p, placement: s.device) == 5)
        #expect(PathBottleneck(path: path, problem: p).bottleneck?.resource == "d0")
    }

    /// Every simulated schedule's critical path is contiguous: with no release or
    /// device-ready times it covers the makespan exactly; with them, length plus waiting does.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func criticalPathCoversTheMakespan(seed: UInt64) throws {
        for context in [false, true] {
            var options = RandomInstances.TinyOptions()
            options.context = context
            let p = RandomInstances.tiny(nodes: 9, devices: 3, seed: seed, options: options)
            let s = try #require(try HEFTSolver().solve(p, options: SolveOptions()).schedule)
            let path = CriticalPath(problem: p, schedule: s)
            let tolerance = 1e-9 * s.makespan
            #expect(abs(path.steps.last!.finish - s.makespan) <= tolerance, "seed \(seed)")
            for (a, b) in zip(path.steps, path.steps.dropFirst()) { #expect(abs(a.finish - b.start) <= tolerance, "seed \(seed)") }
            if context {
                #expect(abs(path.length + path.waiting - s.makespan) <= tolerance && path.waiting >= -tolerance, "seed \(seed)")
            } else {
                #expect(abs(path.length - s.makespan) <= tolerance && path.steps.first!.start == 0, "seed \(seed)")
            }
            #expect(CriticalPath.dependencyLength(problem: p, placement: s.device) <= s.makespan + tolerance, "seed \(seed)")
        }
    }

    @Test func movedNodesAreSimulated() throws {
        let p = try ReportFixtures.chain()
        let s = try Simulator.run(p, placement: [0, 0, 0])
        let moves = MoveAnalysis.heaviest(problem: p, schedule: s, count: 3)
        #expect(moves.map(\.name) == ["b", "a", "c"])
        #expect(moves.allSatisfy { $0.makespan == 13 })
        // b to the gpu: a [0,2], 3 s over, b [5,6], 3 s back, c [9,10] (as the simulator gives).
        let b = try #require(moves.first?.options.first)
        #expect(b.device == "gpu" && b.cost == 1 && b.makespan == 10 && b.fitsMemory)
        #expect(b.makespan == (try Simulator.run(p, placement: [0, 1, 0])).makespan)
        // a to the gpu: 1 s there, 3 s back, b [4,14], c [14,15].
        #expect(moves[1].options.first?.makespan == 15)
        // c may not run on the gpu.
        #expect(moves[2].options.first?.cost == nil && moves[2].options.first?.makespan == nil)
        // Both a and b on the gpu hold 16 bytes of its 10: a's move alone fits, recorded per option.
        let both = MoveAnalysis.heaviest(problem: p, schedule: try Simulator.run(p, placement: [0, 1, 0]), count: 3)
        #expect(both.first { $0.name == "a" }?.options.first?.fitsMemory == false)
    }

    @Test func gapPartsAddUpToTheGap() throws {
        let (problem, outcome) = try ReportFixtures.resnet18()
        let s = outcome.schedule
        for name in ["critical path with transfers", "fluid load"] {
            let bound = GapAnalysis.Bound(name: name, seconds: try #require(LowerBounds.latency(problem).first { $0.name == name }).seconds)
            let gap = GapAnalysis(latency: s, problem: problem, bound: bound)
            #expect(gap.parts.count == 2)
            #expect(abs(gap.parts.reduce(0) { $0 + $1.seconds } - (s.makespan - bound.seconds)) <= 1e-12, "\(name)")
            #expect(gap.ignores == BoundBlindSpots.ignores(name))
        }
        let proven = GapAnalysis(latency: s, problem: problem, bound: .init(name: "exact's proven bound", seconds: s.makespan / 2))
        #expect(proven.parts.isEmpty && proven.gap == 1)
    }

    @Test func periodLimitNamesTheBottleneckAndTheRunnerUp() throws {
        let p = try ReportFixtures.chain()
        let limit = PeriodLimit(problem: p, placements: [[0, 1, 0]])
        // Loads: cpu 3, gpu 1, each link 3 (1 + 20/10); devices win ties.
        let r = try #require(limit.replicas.first)
        #expect(r.period == 3 && r.bottleneck == "cpu" && r.stageSteps == 2)
        #expect(r.stageOps.map(\.op) == ["Conv", "Relu"] && r.stageOps.map(\.seconds) == [2, 1])
        #expect(r.runnerUp == "link cpu->gpu" && r.runnerUpLoad == 3)
        let two = PeriodLimit(problem: p, placements: [[0, 1, 0], [0, 0, 0]])
        #expect(two.limiting == 1 && two.replicas[1].period == 13)
    }

    @Test func timelineHasALanePerDeviceAndUsedLink() throws {
        let (problem, outcome) = try ReportFixtures.resnet18()
        let path = CriticalPath(problem: problem, schedule: outcome.schedule)
        let timeline = Timeline(label: "planned", problem: problem, passes: outcome.passes, critical: [path])
        let transfers = problem.transfers(of: outcome.schedule)
        let links = Set(transfers.map { [$0.sourceDevice, $0.destinationDevice] })
        #expect(timeline.lanes.count == problem.deviceCount + links.count)
        #expect(timeline.bars.count == problem.nodes.count && timeline.transfers.count == transfers.count)
        #expect(Set(timeline.bars.filter(\.critical).map(\.node)) == Set(path.steps.filter { $0.kind == .node }.map(\.node)))
        #expect(timeline.span == outcome.schedule.makespan)
        // No two transfers of one row of a link's lane overlap.
        for lane in timeline.lanes.indices where timeline.lanes[lane].kind == .link {
            for row in 0..<timeline.lanes[lane].rows {
                let bars = timeline.transfers.filter { $0.lane == lane && $0.row == row }.sorted { $0.start < $1.start }
                for (a, b) in zip(bars, bars.dropFirst()) { #expect(a.finish <= b.start) }
            }
        }
    }

    @Test func paletteGivesDistinctColours() {
        let weights = Dictionary(uniqueKeysWithValues: (0..<40).map { ("op\($0)", Double(40 - $0)) })
        let palette = OpPalette(weights: weights)
        #expect(Set(palette.entries.map(\.colour)).count == 40)
        #expect(palette.entries.first?.op == "op0" && palette.colour("op0") == OpPalette.kelly[0])
        #expect(palette.entries.allSatisfy { $0.colour.count == 7 && $0.colour.hasPrefix("#") })
        #expect(OpPalette(weights: weights) == palette)
    }

    @Test func planReadsBackAsItsPasses() throws {
        let (problem, outcome) = try ReportFixtures.resnet18()
        #expect(try outcome.plan.passes(on: problem, file: "plan.json") == outcome.passes)
        let tp = try Planner.plan(problem, choice: .heft, settings: PlanSettings(objective: .throughput))
        #expect(try tp.plan.passes(on: problem, file: "plan.json") == tp.passes)
    }

    @Test func aPlanForAnotherProblemIsRejected() throws {
        let (problem, outcome) = try ReportFixtures.resnet18()
        var renamed = outcome.plan
        renamed.nodes[3].name = "nowhere"
        #expect(throws: InputError.unknownReference(file: "p.json", path: "nodes[3].name", name: "nowhere", known: problem.nodes.map(\.name))) {
            try renamed.passes(on: problem, file: "p.json")
        }
        var shifted = outcome.plan
        let last = shifted.nodes.indices.max { shifted.nodes[$0].finish < shifted.nodes[$1].finish }!
        shifted.nodes[last].start += 1e-3
        shifted.nodes[last].finish += 1e-3
        #expect { try shifted.passes(on: problem, file: "p.json") } throws: { error in
            guard case let InputError.malformed(file, _, expected) = error else { return false }
            return file == "p.json" && expected.contains(shifted.nodes[last].name) && expected.contains("--problem-out")
        }
        var farReplica = try Planner.plan(problem, choice: .heft, settings: PlanSettings(objective: .throughput)).plan
        farReplica.nodes[0].replica = 1 << 40
        #expect { try farReplica.passes(on: problem, file: "p.json") } throws: { error in
            "\(error)".contains("found replica \(1 << 40) among only \(farReplica.nodes.count) entries")
        }
        var missing = outcome.plan
        let dropped = missing.nodes.removeLast().name
        #expect { try missing.passes(on: problem, file: "p.json") } throws: { error in
            "\(error)".contains(dropped)
        }
    }

    @Test func explanationOfAThroughputPlanNamesTheLimit() throws {
        let (problem, _) = try ReportFixtures.resnet18()
        let tp = try Planner.plan(problem, choice: .heft, settings: PlanSettings(objective: .throughput))
        let explanation = PlanExplanation(plan: tp.plan, problem: problem, passes: tp.passes)
        let limit = try #require(explanation.period)
        #expect(limit.replicas[limit.limiting].period == PipelineLoad(problem: problem, placement: tp.passes[0].device).period)
        #expect(explanation.sections.map(\.title) == ["Critical path", "Bottleneck", "Heaviest nodes", "Gap"])
        #expect(explanation.sections[1].lines[0].contains(limit.replicas[0].bottleneck))
        #expect(explanation.moves.allSatisfy { $0.period == limit.replicas[0].period })
    }
}
