/// Options of the built-in models; each model reads the ones that apply to it.
public struct ModelOptions: Sendable, Hashable {
    /// Samples per inference (the leading axis of every activation).
    public var batch: Int
    /// Nodes per random-graph stage of the RandWire models (Xie et al. use 32).
    public var randwireNodes: Int
    /// Seed of the RandWire graph generators.
    public var graphSeed: UInt64
    /// Tokens per sequence of the transformers.
    public var sequenceLength: Int
    /// Bytes per activation and weight element: 4 (fp32) or 2 (fp16). The roofline
    /// model picks the device's peak for that precision.
    public var elementBytes: Int

    public init(
        batch: Int = 1, randwireNodes: Int = 32, graphSeed: UInt64 = 1, sequenceLength: Int = 128, elementBytes: Int = 4
    ) {
        self.batch = batch
        self.randwireNodes = randwireNodes
        self.graphSeed = graphSeed
        self.sequenceLength = sequenceLength
        self.elementBytes = elementBytes
    }
}

/// The built-in networks, as operator graphs with concrete shapes (docs/design.md §6).
///
/// Each is built operator by operator the way PyTorch's ONNX exporter writes the
/// reference implementation (torchvision for the CNNs, Hugging Face for the
/// transformers), batch norm unfolded; see `GraphBuilder` for the conventions and each
/// model's file for its source and published size.
public enum ModelZoo {
    /// Every name `build` accepts, with one line about it, in listing order.
    public static let catalog: [(name: String, summary: String)] = [
        ("resnet18", "ResNet-18 (He et al. 2016), torchvision, 224x224"),
        ("resnet50", "ResNet-50 v1.5 (He et al. 2016), torchvision, 224x224"),
        ("vgg16", "VGG-16 (Simonyan & Zisserman 2015), torchvision, 224x224"),
        ("inception_v3", "Inception v3 (Szegedy et al. 2016), torchvision without aux logits, 299x299"),
        ("googlenet", "GoogLeNet (Szegedy et al. 2015), torchvision without aux logits, 224x224"),
        ("mobilenet_v2", "MobileNetV2 1.0 (Sandler et al. 2018), torchvision, 224x224"),
        ("squeezenet", "SqueezeNet 1.0 (Iandola et al. 2016), torchvision, 224x224"),
        ("squeezenet1.1", "SqueezeNet 1.1, torchvision, 224x224"),
        ("bert-base", "BERT-base uncased (Devlin et al. 2019) with pooler, --sequence tokens (default 128)"),
        ("gpt2", "GPT-2 small 124M (Radford et al. 2019) with LM head, --sequence tokens (default 128)"),
        ("randwire-ws", "RandWire small regime (Xie et al. 2019), Watts-Strogatz k=4 p=0.75, C=78"),
        ("randwire-er", "RandWire small regime (Xie et al. 2019), Erdos-Renyi p=0.2, C=78"),
        ("randwire-ba", "RandWire small regime (Xie et al. 2019), Barabasi-Albert m=5, C=78"),
    ]

    /// The random-graph model behind each RandWire name (Xie et al.'s best settings).
    static let randwireModels: [String: RandomGraphs.Model] = [
        "randwire-ws": .wattsStrogatz(k: 4, p: 0.75),
        "randwire-er": .erdosRenyi(p: 0.2),
        "randwire-ba": .barabasiAlbert(m: 5),
    ]

    /// The model called `name` with `options`.
    /// - Throws: `InputError.unknownName` for a name not in `catalog`;
    ///   `InputError.invalidValue` for a batch below 1, an element size other than 2 or 4,
    ///   a sequence outside the model's positions, or too few RandWire nodes for the
    ///   graph model.
    /// - Complexity: linear in the size of the graph built (O(N²) per RandWire stage).
    public static func build(_ name: String, options: ModelOptions = ModelOptions()) throws -> OpGraph {
        guard catalog.contains(where: { $0.name == name }) else {
            throw InputError.unknownName(kind: "model", name: name, known: catalog.map(\.name))
        }
        guard options.batch >= 1 else {
            throw InputError.invalidValue(what: "batch size", value: "\(options.batch)", allowed: "an integer >= 1")
        }
        guard options.elementBytes == 2 || options.elementBytes == 4 else {
            throw InputError.invalidValue(
                what: "bytes per element", value: "\(options.elementBytes)", allowed: "4 (fp32) or 2 (fp16)")
        }
        let (batch, bytes) = (options.batch, options.elementBytes)
        switch name {
        case "resnet18": return ResNet.build(name: name, blocks: [2, 2, 2, 2], bottleneck: false, batch: batch, elementBytes: bytes)
        case "resnet50": return ResNet.build(name: name, blocks: [3, 4, 6, 3], bottleneck: true, batch: batch, elementBytes: bytes)
        case "vgg16": return VGG.build16(batch: batch, elementBytes: bytes)
        case "inception_v3": return InceptionV3.build(batch: batch, elementBytes: bytes)
        case "googlenet": return GoogLeNet.build(batch: batch, elementBytes: bytes)
        case "mobilenet_v2": return MobileNetV2.build(batch: batch, elementBytes: bytes)
        case "squeezenet": return SqueezeNet.build(.v1_0, name: name, batch: batch, elementBytes: bytes)
        case "squeezenet1.1": return SqueezeNet.build(.v1_1, name: name, batch: batch, elementBytes: bytes)
        case "bert-base":
            try checkSequence(options.sequenceLength, positions: BERT.positions, model: name)
            return BERT.buildBase(batch: batch, sequence: options.sequenceLength, elementBytes: bytes)
        case "gpt2":
            try checkSequence(options.sequenceLength, positions: GPT2.positions, model: name)
            return GPT2.buildSmall(batch: batch, sequence: options.sequenceLength, elementBytes: bytes)
        default:
            return try buildRandWire(name, options: options)
        }
    }

    /// The most nodes per RandWire stage: `--nodes 700` builds about 10,000 operators (the
    /// largest `diviml bench scale` size), and the Erdős–Rényi model's edges grow as N².
    public static let maximumRandWireNodes = 2_000

    static func buildRandWire(_ name: String, options: ModelOptions) throws -> OpGraph {
        guard let model = randwireModels[name] else {
            throw InputError.unknownName(kind: "model", name: name, known: catalog.map(\.name))
        }
        guard (model.minimumNodes...maximumRandWireNodes).contains(options.randwireNodes) else {
            throw InputError.invalidValue(
                what: "nodes per RandWire stage of \(name)", value: "\(options.randwireNodes)",
                allowed: "an integer from \(model.minimumNodes) to \(maximumRandWireNodes)")
        }
        return RandWire.build(name: name, model: model, nodes: options.randwireNodes, seed: options.graphSeed,
                              batch: options.batch, elementBytes: options.elementBytes)
    }

    static func checkSequence(_ length: Int, positions: Int, model: String) throws {
        guard (1...positions).contains(length) else {
            throw InputError.invalidValue(
                what: "sequence length of \(model)", value: "\(length)", allowed: "1...\(positions) tokens")
        }
    }
}
