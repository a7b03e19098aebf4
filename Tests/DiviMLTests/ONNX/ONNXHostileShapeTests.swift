import Foundation
import Testing
@testable import DiviML

/// ONNX files whose numbers are extreme or malformed (issue 12): each is an error naming the
/// file, the tensor or node and the attribute, never a trap; and Slice follows the ONNX
/// specification for negative indices and steps.
@Suite("ONNX hostile shapes")
struct ONNXHostileShapeTests {
    /// A model whose graph input `x` has `shape`, read by one `Relu`.
    private func reluModel(_ shape: [Int]) -> ONNXTinyModel {
        var m = ONNXTinyModel()
        m.input("x", shape)
        m.node("Relu", ["x"], ["y"])
        m.input("y", shape, output: true)
        return m
    }

    @Test("a graph input of more than 2^62 bytes is an error naming the input", arguments: [
        [1 << 40, 1 << 40, 1 << 40], [1 << 31, 1 << 31],
    ])
    func hugeInput(shape: [Int]) throws {
        let text = try #require(try reluModel(shape).importError("huge-input"))
        #expect(text.contains("at graph.input[0] 'x'"), "\(text)")
        #expect(text.contains("at most 2^62 bytes"), "\(text)")
        #expect(text.contains("\(shape)"), "\(text)")
    }

    @Test("an initializer with huge or negative dims is an error naming the initializer", arguments: [
        [Int64(1) << 31, Int64(1) << 31, Int64(1) << 31], [-9_000_000_000_000_000_000], [4, -16],
    ])
    func badInitializerDims(dims: [Int64]) throws {
        var m = ONNXTinyModel()
        m.input("x", [4])
        m.floats("w", dims: dims)
        m.node("Add", ["x", "w"], ["y"])
        let text = try #require(try m.importError("bad-initializer"))
        #expect(text.contains("at graph.initializer[0] 'w'.dims"), "\(text)")
        #expect(text.contains(dims.contains { $0 < 0 } ? "a negative dimension" : "overflows 64 bits"), "\(text)")
    }

    /// x [1, 1, 8, 8] convolved with w [1, 1, 3, 3] under `attributes`.
    private func convModel(_ attributes: [String: ONNXTinyModel.Attribute], op: String = "Conv") -> ONNXTinyModel {
        var m = ONNXTinyModel()
        m.input("x", [1, 1, 8, 8])
        m.floats("w", dims: [1, 1, 3, 3])
        m.node(op, ["x", "w"], ["y"], attributes)
        return m
    }

    @Test("kernels and dilations whose product overflows are errors naming the node and the attribute")
    func hugeKernelAndDilations() throws {
        let huge = Int.max / 2 + 1 // 2^62: twice it overflows
        for (attributes, field) in [
            (["dilations": .ints([huge, huge])], "dilations × kernel_shape"),
            (["kernel_shape": .ints([huge, 3]), "dilations": .ints([4, 1])], "dilations × kernel_shape"),
            (["pads": .ints([huge, 0, huge, 0])], "pads"),
        ] as [([String: ONNXTinyModel.Attribute], String)] {
            let text = try #require(try convModel(attributes).importError("conv-overflow"))
            #expect(text.contains("at node 'conv' (Conv).\(field)"), "\(text)")
            #expect(text.contains("overflows"), "\(text)")
        }
    }

    @Test("ConvTranspose whose strides, dilations or pads are shorter than its kernel is an error naming the node",
          arguments: ["strides", "dilations", "pads"])
    func shortConvTransposeAttributes(field: String) throws {
        let text = try #require(try convModel([field: .ints([1])], op: "ConvTranspose").importError("short-attributes"))
        #expect(text.contains("at node 'convtranspose' (ConvTranspose).\(field)"), "\(text)")
        #expect(text.contains("\(field == "pads" ? 4 : 2) values for a 2-D kernel"), "\(text)")
        #expect(text.contains("found 1: [1]"), "\(text)")
    }

    @Test("Tile repeats that overflow, or make a tensor above 2^62 bytes, are errors naming the node")
    func hugeTileRepeats() throws {
        for (repeats, words) in [([Int64.max / 2, 2], "overflows"), ([1 << 40, 1 << 40], "element count overflows"), ([1 << 29, 1 << 28], "more than 2^62 bytes"), ([-1, 1], ">= 0")] {
            var m = ONNXTinyModel()
            m.input("x", [4, 4])
            m.int64s("r", dims: [2], repeats)
            m.node("Tile", ["x", "r"], ["y"])
            let text = try #require(try m.importError("tile"))
            #expect(text.contains("at node 'tile' (Tile)"), "\(text)")
            #expect(text.contains(words), "\(text)")
        }
    }

    @Test("Resize with infinite or NaN scales is an error naming the node and the scales",
          arguments: [Float.infinity, -.infinity, .nan, 1e30])
    func badResizeScales(scale: Float) throws {
        var m = ONNXTinyModel()
        m.input("x", [1, 1, 4, 4])
        m.floats("scales", dims: [4], [1, 1, scale, 2])
        m.node("Resize", ["x", "", "scales"], ["y"])
        let text = try #require(try m.importError("resize"))
        #expect(text.contains("at node 'resize' (Resize).scales: finite non-negative scales"), "\(text)")
    }

    @Test("Gather over the Shape of a tensor nobody produces does not trap")
    func gatherOverShapeOfNothing() throws {
        var m = ONNXTinyModel()
        m.int64s("i", dims: [], [0])
        m.node("Shape", ["ghost"], ["s"])
        m.node("Gather", ["s", "i"], ["g"])
        m.node("Concat", ["g", "g"], ["c"], ["axis": .int(0)])
        m.node("Slice", ["g", "i", "i"], ["sl"])
        let path = try m.write("gather-ghost")
        do {
            _ = try ONNXImport(path: path, batch: 1)
        } catch let error as InputError {
            #expect("\(error)".contains(path))
        }
    }
}

extension ONNXHostileShapeTests {
    /// The values a Slice of the shape vector [2, 3, 4, 5] gives.
    private func slicedShape(starts: Int64, ends: Int64, step: Int64? = nil) throws -> [Double]? {
        var m = ONNXTinyModel()
        m.input("x", [2, 3, 4, 5])
        m.int64s("starts", dims: [1], [starts])
        m.int64s("ends", dims: [1], [ends])
        m.int64s("axes", dims: [1], [0])
        var inputs = ["s", "starts", "ends"]
        if let step {
            m.int64s("steps", dims: [1], [step])
            inputs += ["axes", "steps"]
        }
        m.node("Shape", ["x"], ["s"])
        m.node("Slice", inputs, ["y"])
        let imported = try ONNXImport(path: try m.write("slice"), batch: 1)
        let facts = try #require(imported.builder.facts["y"])
        #expect(facts.shape == [facts.values?.count ?? -1])
        return facts.values
    }

    @Test("Slice: negative starts and ends count from the end and are clamped (ONNX semantics)")
    func sliceNegativeIndices() throws {
        #expect(try slicedShape(starts: -3, ends: -1) == [3, 4])
        #expect(try slicedShape(starts: 1, ends: -1) == [3, 4])
        #expect(try slicedShape(starts: 0, ends: -10) == [])
        #expect(try slicedShape(starts: -10, ends: 2) == [2, 3])
        #expect(try slicedShape(starts: -2, ends: .max) == [4, 5])
        #expect(try slicedShape(starts: .min, ends: .max) == [2, 3, 4, 5])
    }

    @Test("Slice: a negative step walks backwards; ends clamp to -1 so INT64_MIN reaches the front")
    func sliceNegativeSteps() throws {
        #expect(try slicedShape(starts: -1, ends: .min, step: -1) == [5, 4, 3, 2])
        #expect(try slicedShape(starts: .max, ends: .min, step: -2) == [5, 3])
        #expect(try slicedShape(starts: -1, ends: -5, step: -1) == [5, 4, 3, 2])
        #expect(try slicedShape(starts: -1, ends: -1, step: -1) == [])
        #expect(try slicedShape(starts: 2, ends: 0, step: -1) == [4, 3])
        #expect(try slicedShape(starts: 0, ends: .max, step: .max) == [2])
        #expect(try slicedShape(starts: -1, ends: .min, step: .min) == [5])
    }

    @Test("Slice with a negative end on a 4-D activation keeps the right extent")
    func sliceActivation() throws {
        var m = ONNXTinyModel()
        m.input("x", [1, 8, 8, 4])
        m.int64s("starts", dims: [2], [0, -3])
        m.int64s("ends", dims: [2], [-2, Int64.max])
        m.int64s("axes", dims: [2], [1, 2])
        m.int64s("steps", dims: [2], [1, -1])
        m.node("Slice", ["x", "starts", "ends", "axes", "steps"], ["y"])
        let imported = try ONNXImport(path: try m.write("slice-4d"), batch: 1)
        // axis 1: 0..<6; axis 2: from index 5 backwards to index 7 (exclusive): nothing.
        #expect(imported.builder.facts["y"]?.shape == [1, 6, 0, 4])
    }

    @Test("Operator byte sums and element counts are overflow-checked")
    func operatorArithmetic() {
        #expect(checkedElementCount([1 << 40, 1 << 40]) == nil)
        #expect(checkedElementCount([4, -1]) == nil)
        #expect(checkedElementCount([2, 3, 4]) == 24)
        #expect(elementCount([1 << 40, 1 << 40]) == .max)
        let op = Operator(name: "big", type: "Relu", inputShapes: [[1 << 31, 1 << 31]], outputShapes: [[1 << 62]], elementBytes: 4)
        #expect(op.outputBytes == .max)
        #expect(op.inputBytes == .max)
        #expect(op.checkedTensorBytes == nil)
        let small = Operator(name: "s", type: "Relu", inputShapes: [[2, 3]], outputShapes: [[2, 3]], elementBytes: 4)
        #expect(small.checkedTensorBytes?.inputs == 24 && small.checkedTensorBytes?.outputs == 24)
    }
}
