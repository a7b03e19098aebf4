import ArgumentParser
import DiviML
import Foundation

/// The arguments every command that takes MODEL shares, and how they become a problem.
struct ModelArguments: ParsableArguments {
    @Argument(help: "A built-in model name (see `diviml models`) or a problem JSON file.")
    var model: String

    @Option(help: "Platform: a built-in name (see `diviml platforms`) or a YAML/JSON file. Required for built-in models.")
    var platform: String?

    @Option(help: "Batch size B of one inference.")
    var batch: Int = 1

    @Option(help: "Split the batch into m micro-batches, each a copy of the graph at batch B/m.")
    var microBatches: Int = 1

    @Option(help: "RandWire: nodes per random-graph stage.")
    var nodes: Int = 32

    @Option(help: "RandWire: seed of the random graphs.")
    var graphSeed: UInt64 = 1

    @Option(help: "BERT/GPT: sequence length.")
    var sequence: Int = 128

    @Option(help: "Element type of weights and activations: fp32 or fp16.")
    var precision: Precision = .fp32

    @Option(help: "Measured costs overriding the roofline: CSV (node,device,seconds) or JSON.")
    var costs: String?

    @Option(help: "Host I/O: 'host' (inputs start and outputs end on the host) or 'free'.")
    var io: SchedulingProblem.IOMode = .host

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1, got \(batch)") }
        guard microBatches >= 1 else { throw ValidationError("--micro-batches must be at least 1, got \(microBatches)") }
        guard batch % microBatches == 0 else {
            throw ValidationError("--batch \(batch) is not divisible by --micro-batches \(microBatches)")
        }
    }

    /// A problem and the platform name it was costed on (nil for a problem file).
    func problem() throws -> (problem: SchedulingProblem, platform: String?) {
        if FileManager.default.fileExists(atPath: model) {
            guard platform == nil, costs == nil else {
                throw InputError.conflictingOptions("\(model) is a problem file: it carries its devices and costs, so --platform and --costs do not apply")
            }
            return (try SchedulingProblem.load(path: model), nil)
        }
        if model.contains("/") || model.hasSuffix(".json") || model.hasSuffix(".onnx") {
            throw InputError.unreadableFile(file: model, reason: "no such file")
        }
        guard let platformName = platform else {
            throw InputError.conflictingOptions("'\(model)' is a built-in model name, so --platform is required (see `diviml platforms`)")
        }
        let graph = try self.graph()
        let machine = try BuiltinPlatforms.resolve(platformName)
        let model: any CostModel = try costs.map { OverlayCostModel(measured: try MeasuredCosts.load(path: $0)) } ?? RooflineCostModel()
        let problem = try SchedulingProblem(graph: graph.replicated(copies: microBatches), platform: machine,
                                            costModel: model, io: io)
        return (problem, machine.name)
    }

    /// The built-in model's graph at batch B/m.
    func graph() throws -> OpGraph {
        let options = ModelOptions(batch: batch / microBatches, randwireNodes: nodes, graphSeed: graphSeed,
                                   sequenceLength: sequence, elementBytes: precision.bytes)
        return try ModelZoo.build(model, options: options)
    }
}

/// Element type of a built-in model.
enum Precision: String, ExpressibleByArgument, CaseIterable {
    case fp32, fp16
    var bytes: Int { self == .fp32 ? 4 : 2 }
}

extension SchedulingProblem.IOMode: ExpressibleByArgument {}
extension Plan.Objective: ExpressibleByArgument {}
