import Testing
@testable import DiviML

/// Names and options that `ModelZoo.build` must refuse with a typed error, and the
/// catalog's consistency.
@Suite("Model zoo options")
struct ModelZooOptionsTests {
    @Test("unknown names list the known ones and suggest the closest")
    func unknownName() {
        do {
            _ = try ModelZoo.build("resnet5")
            Issue.record("no error for 'resnet5'")
        } catch let error as InputError {
            guard case let .unknownName(kind, name, known) = error else { Issue.record("\(error)"); return }
            #expect(kind == "model" && name == "resnet5" && known == ModelZoo.catalog.map(\.name))
            #expect(error.description.hasSuffix("(did you mean 'resnet50'?)"), "\(error)")
        } catch {
            Issue.record("untyped error \(error)")
        }
    }

    @Test("bad batch and sequence lengths are invalid values")
    func invalidOptions() {
        let cases: [(String, ModelOptions)] = [
            ("resnet18", ModelOptions(batch: 0)), ("randwire-ws", ModelOptions(batch: -2)),
            ("bert-base", ModelOptions(sequenceLength: 0)), ("bert-base", ModelOptions(sequenceLength: 513)),
            ("gpt2", ModelOptions(sequenceLength: 1025)), ("vgg16", ModelOptions(elementBytes: 3)),
        ]
        for (name, options) in cases {
            #expect(throws: InputError.self, "\(name) \(options)") { try ModelZoo.build(name, options: options) }
        }
        #expect((try? ModelZoo.build("bert-base", options: ModelOptions(sequenceLength: 512))) != nil)
    }

    @Test("catalog names are unique and each builds a graph named after it")
    func catalog() throws {
        let names = ModelZoo.catalog.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(try ModelZoo.build(name).name == name)
        }
    }

    @Test("sequence length sets the transformer activations", arguments: ["bert-base", "gpt2"])
    func sequenceLength(name: String) throws {
        let g = try ModelZoo.build(name, options: ModelOptions(batch: 2, sequenceLength: 64))
        let first = g.inputs[0]
        #expect(first.bytes == 2 * 64 * 8)
        #expect(g.nodes.contains { $0.outputShapes[0] == [2, 12, 64, 64] })
    }

    @Test("fp16 halves weights and tensors, keeps the work", arguments: ["resnet50", "bert-base", "randwire-ba"])
    func halfPrecision(name: String) throws {
        let full = try ModelZoo.build(name), half = try ModelZoo.build(name, options: ModelOptions(elementBytes: 2))
        #expect(half.paramBytes * 2 == full.paramBytes)
        #expect(zip(full.edges, half.edges).allSatisfy { $0.bytes == 2 * $1.bytes && $0.from == $1.from && $0.to == $1.to })
        #expect(half.nodes.allSatisfy { $0.elementBytes == 2 })
        #expect(ModelSummary(half).flops == ModelSummary(full).flops)
    }
}
