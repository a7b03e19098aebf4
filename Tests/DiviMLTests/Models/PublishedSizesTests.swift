import Testing
@testable import DiviML

/// Parameter and multiply-accumulate counts of the built-in models against the
/// published figures.
///
/// Sources: the torchvision model cards (pytorch.org/vision/stable/models, fields
/// `num_params` and `GFLOPS`, which torchvision counts as multiply-accumulates of the
/// convolutions and linear layers): resnet18 11,689,512 / 1.81; resnet50 25,557,032 /
/// 4.09; vgg16 138,357,544 / 15.47; inception_v3 27,161,264 with the auxiliary
/// classifier (3,326,696 of it, so 23,834,568 without) / 5.71; googlenet 6,624,904 /
/// 1.50; mobilenet_v2 3,504,872 / 0.30; squeezenet1_0 1,248,424 / 0.82; squeezenet1_1
/// 1,235,496 / 0.35. Transformers: bert-base-uncased 109,482,240 and GPT-2 small
/// 124,439,808 (Hugging Face checkpoints), their matrix work by Kaplan et al. 2020
/// ("Scaling Laws for Neural Language Models", Table 1), written out per layer below.
/// RandWire-WS, small regime: 5.6 M parameters and 583 M multiply-adds (Xie et al.
/// 2019, Table 2).
@Suite("Model zoo published sizes")
struct PublishedSizesTests {
    struct Published: Sendable, CustomTestStringConvertible {
        var name: String
        var parameters: Int
        var gigaMACs: Double
        var testDescription: String { name }
    }

    static let torchvision: [Published] = [
        Published(name: "resnet18", parameters: 11_689_512, gigaMACs: 1.81),
        Published(name: "resnet50", parameters: 25_557_032, gigaMACs: 4.09),
        Published(name: "vgg16", parameters: 138_357_544, gigaMACs: 15.47),
        Published(name: "inception_v3", parameters: 27_161_264 - 3_326_696, gigaMACs: 5.71),
        Published(name: "googlenet", parameters: 6_624_904, gigaMACs: 1.50),
        Published(name: "mobilenet_v2", parameters: 3_504_872, gigaMACs: 0.30),
        Published(name: "squeezenet", parameters: 1_248_424, gigaMACs: 0.82),
        Published(name: "squeezenet1.1", parameters: 1_235_496, gigaMACs: 0.35),
    ]

    /// Learnable parameters: weights minus the batch-norm running statistics (which the
    /// graph charges, 2 per channel, because inference keeps them resident).
    static func learnable(_ g: OpGraph) -> Int {
        let statistics = g.nodes.filter { $0.type == "BatchNormalization" }.reduce(0) { $0 + 2 * $1.outputShapes[0][1] }
        return Int(g.paramBytes) / 4 - statistics
    }

    @Test("CNN parameters equal torchvision's; MACs within 5%", arguments: torchvision)
    func cnn(published: Published) throws {
        let g = try ModelZoo.build(published.name)
        #expect(Self.learnable(g) == published.parameters)
        #expect(abs(Double(g.paramBytes) / 4 / Double(published.parameters) - 1) < 0.01)
        let macs = ModelSummary(g).matrixFlops / 2 / 1e9
        #expect(abs(macs / published.gigaMACs - 1) < 0.05, "\(published.name): \(macs) GMACs")
    }

    /// Multiply-adds of `layers` transformer layers over `s` tokens: Q, K, V and output
    /// projections (4·s·h²), feed-forward (2·s·h·f), scores and context (2·s²·h).
    static func transformerMACs(layers: Int, s: Int, h: Int, f: Int) -> Double {
        Double(layers) * (4 * Double(s * h * h) + 2 * Double(s * h * f) + 2 * Double(s * s * h))
    }

    @Test("BERT-base: 109,482,240 parameters; MACs by the per-layer count", arguments: [128, 384])
    func bert(sequence: Int) throws {
        let g = try ModelZoo.build("bert-base", options: ModelOptions(sequenceLength: sequence))
        #expect(g.paramBytes == 4 * 109_482_240)
        let expected = Self.transformerMACs(layers: 12, s: sequence, h: 768, f: 3072) + 768 * 768
        #expect(abs(ModelSummary(g).matrixFlops / 2 / expected - 1) < 1e-9)
    }

    @Test("GPT-2: 124,439,808 parameters plus the tied table at the head; MACs incl. the head")
    func gpt2() throws {
        let g = try ModelZoo.build("gpt2")
        #expect(g.paramBytes == 4 * (124_439_808 + 50_257 * 768))
        let expected = Self.transformerMACs(layers: 12, s: 128, h: 768, f: 3072) + Double(128 * 768 * 50_257)
        #expect(abs(ModelSummary(g).matrixFlops / 2 / expected - 1) < 1e-9)
    }

    @Test("RandWire-WS small regime near Xie et al.'s 5.6 M parameters and 583 M MACs", arguments: [1, 2, 3] as [UInt64])
    func randwire(seed: UInt64) throws {
        let g = try ModelZoo.build("randwire-ws", options: ModelOptions(graphSeed: seed))
        let parameters = Double(Self.learnable(g)), macs = ModelSummary(g).matrixFlops / 2
        #expect(abs(parameters / 5.6e6 - 1) < 0.05, "seed \(seed): \(parameters) parameters")
        #expect(abs(macs / 583e6 - 1) < 0.05, "seed \(seed): \(macs) MACs")
    }
}
