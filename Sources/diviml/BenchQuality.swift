import DiviML
import Foundation

/// One instance of the quality benchmark and what every solver did on it.
struct QualityInstance {
    var name: String
    var randwire: Bool
    var problem: SchedulingProblem
}

/// One solver's answer on one instance: the value (makespan or effective period), its
/// solve time, and the solver's own proven bound when it has one.
struct QualityCell {
    var value: Double?
    var seconds: Double
    var provenBound: Double?
    var status: String
}

/// The measurements behind `diviml bench quality`, separated from the printing.
enum QualityRuns {
    static let latencySolvers = ["single", "greedy", "heft", "random", "split", "exact"]
    static let throughputSolvers = ["single", "greedy", "heft", "random", "split", "exact"]

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

    /// The latency solver for a column; nil when it cannot run here (the exact engine absent).
    static func latencySolver(_ name: String, exactTimeLimit: Double, moduleTimeLimit: Double) -> (any LatencySolver)? {
        switch name {
        case "split": return SplittingSolver(moduleSolver: exactEngine() ?? SplittingSolver.heuristic, moduleTimeLimit: moduleTimeLimit)
        case "exact": return exactEngine()
        default: return try? SolverCatalog.latency(name)
        }
    }

    /// The exact engine from the catalog when it is built in and its libraries load.
    static func exactEngine() -> (any LatencySolver)? { probedExact }

    private static let probedExact: (any LatencySolver)? = {
        guard let solver = try? SolverCatalog.latency("exact"), ExactProbe.works(solver) else { return nil }
        return solver
    }()

    /// One latency run.
    static func latency(_ instance: QualityInstance, solver: any LatencySolver, timeLimit: Double) -> QualityCell {
        let options = SolveOptions(timeLimit: timeLimit, workers: 2)
        do {
            let result = try solver.solve(instance.problem, options: options)
            return QualityCell(value: result.schedule?.makespan, seconds: result.solveSeconds, provenBound: result.lowerBound,
                               status: result.status.word)
        } catch {
            return QualityCell(value: nil, seconds: 0, provenBound: nil, status: "error")
        }
    }

    /// One throughput run: the effective period (batch 1) of the solver's plan.
    static func throughput(_ instance: QualityInstance, name: String, exactTimeLimit: Double) -> QualityCell {
        let problem = instance.problem
        let options = SolveOptions(timeLimit: exactTimeLimit, workers: 2)
        do {
            if name == "split" {
                let exact = exactEngine() != nil
                let solver = DataParallelSolver(pipeline: ModelParallelSolver(exact: exact ? CPSATSolver() : nil),
                                                refine: exact ? CPSATSolver() : nil)
                let result = try solver.solve(problem, options: options)
                let rate = result.replicas.reduce(0.0) { $0 + 1 / PipelineLoad(problem: problem, placement: $1).period }
                return QualityCell(value: rate > 0 ? 1 / rate : nil, seconds: result.solveSeconds, provenBound: nil,
                                   status: "\(result.replicas.count) rep.")
            }
            guard let solver = name == "exact" ? exactThroughput() : try? SolverCatalog.throughput(name) else {
                return QualityCell(value: nil, seconds: 0, provenBound: nil, status: "n/a")
            }
            let result = try solver.solveThroughput(problem, options: options)
            return QualityCell(value: result.placement.map { PipelineLoad(problem: problem, placement: $0).period },
                               seconds: result.solveSeconds, provenBound: result.lowerBound, status: result.status.word)
        } catch {
            return QualityCell(value: nil, seconds: 0, provenBound: nil, status: "error")
        }
    }

    static func exactThroughput() -> (any ThroughputSolver)? {
        guard exactEngine() != nil else { return nil }
        return try? SolverCatalog.throughput("exact")
    }

    /// The problem with every GPU's memory set to `fraction` of the model's weights (the CPU,
    /// the host, keeps its memory): at 100% the model just fits on one GPU.
    static func gpuMemory(_ problem: SchedulingProblem, fraction: Double) throws -> SchedulingProblem {
        let weights = problem.nodes.reduce(Int64(0)) { $0 + $1.paramBytes }
        let devices = problem.devices.map { d in
            SchedulingProblem.DeviceInfo(name: d.name, kind: d.kind, memoryBytes: d.kind == .gpu ? Int64(Double(weights) * fraction) : d.memoryBytes)
        }
        return try SchedulingProblem(name: problem.name, devices: devices, host: problem.host, latency: problem.latency,
                                     bandwidth: problem.bandwidth, nodes: problem.nodes, edges: problem.edges, io: problem.io)
    }
}

/// Whether an exact engine actually runs here: one solve of a two-node problem.
enum ExactProbe {
    static func works(_ solver: any LatencySolver) -> Bool {
        guard let problem = try? SchedulingProblem(
            name: "probe", devices: [.init(name: "a", kind: .cpu, memoryBytes: 1)], host: 0, latency: [[0]], bandwidth: [[1]],
            nodes: [.init(name: "x", op: "Relu", cost: [1]), .init(name: "y", op: "Relu", cost: [1])],
            edges: [.init(from: 0, to: 1, bytes: 0)], io: .free) else { return false }
        return (try? solver.solve(problem, options: SolveOptions(timeLimit: 5)).schedule) != nil
    }
}
