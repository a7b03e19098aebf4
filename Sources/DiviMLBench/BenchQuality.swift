import CommandSupport
import DiviML
import DiviMLTestSupport
import Foundation

/// One instance of the quality benchmark and what every solver did on it.
struct QualityInstance {
    var name: String
    var randwire: Bool
    var problem: SchedulingProblem
}

/// One solver's answer on one instance: the value (makespan or effective period), its
/// solve time, and the plan's lower bound (the largest known, the solver's own included).
struct QualityCell {
    var value: Double?
    var seconds: Double
    var provenBound: Double?
    var status: String
}

/// The measurements behind `diviml bench quality`, separated from the printing. Every run
/// goes through `Planner.plan`, so every schedule is validated.
enum QualityRuns {
    static let latencySolvers: [SolverChoice] = [.single, .greedy, .heft, .random, .split, .exact]
    static let throughputSolvers: [SolverChoice] = [.single, .greedy, .heft, .random, .split, .exact]

    /// Zoo models on `paper-node`: every conventional model, then RandWire WS/ER/BA at N = 32
    /// with each seed.
    static func instances(models: [String]?, seeds: Int) throws -> [QualityInstance] {
        let platform = try BuiltinPlatforms.named("paper-node")
        var list: [QualityInstance] = []
        for entry in ModelZoo.catalog where models?.contains(entry.name) ?? true {
            let randwire = entry.name.hasPrefix("randwire")
            for seed in randwire ? Array(1...UInt64(max(1, seeds))) : [1] {
                let graph = try ModelZoo.build(entry.name, options: ModelOptions(randwireNodes: 32, graphSeed: seed))
                list.append(QualityInstance(name: randwire ? "\(entry.name) s\(seed)" : entry.name, randwire: randwire,
                                            problem: try SchedulingProblem(graph: graph, platform: platform)))
            }
        }
        return list
    }

    /// One run of `choice` on `instance`: the makespan or effective period, or why there is none.
    static func run(_ instance: QualityInstance, _ choice: SolverChoice, _ settings: PlanSettings) -> QualityCell {
        guard choice.isAvailable else { return QualityCell(value: nil, seconds: 0, provenBound: nil, status: "n/a") }
        do {
            let outcome = try Planner.plan(instance.problem, choice: choice, settings: settings)
            let p = outcome.plan
            return QualityCell(value: p.makespanSeconds ?? p.periodSeconds, seconds: p.solveSeconds, provenBound: p.lowerBoundSeconds,
                               status: outcome.isDataParallel ? "\(outcome.passes.count) rep." : p.status)
        } catch {
            return QualityCell(value: nil, seconds: 0, provenBound: nil, status: "error")
        }
    }

    /// The problem with every GPU's memory set to `fraction` of the model's weights (the CPU,
    /// the host, keeps its memory): at 100% the model just fits on one GPU.
    static func gpuMemory(_ problem: SchedulingProblem, fraction: Double) throws -> SchedulingProblem {
        let weights = problem.nodes.reduce(Int64(0)) { $0 + $1.paramBytes }
        let devices = problem.devices.map { d in
            SchedulingProblem.DeviceInfo(name: d.name, kind: d.kind, memoryBytes: d.kind == .gpu ? Int64(Double(weights) * fraction) : d.memoryBytes)
        }
        return try problem.replacing(devices: devices)
    }
}
