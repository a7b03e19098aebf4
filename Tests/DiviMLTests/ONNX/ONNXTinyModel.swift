import Foundation
@testable import DiviML

/// A one-graph ONNX model written from code, for inputs no exporter would write: graph
/// inputs with given shapes, int64 or float initializers, and nodes with integer, float
/// and string attributes.
struct ONNXTinyModel {
    var model = Onnx_ModelProto()

    init(opset: Int = 17) {
        model.irVersion = 8
        var set = Onnx_OperatorSetIdProto()
        set.version = Int64(opset)
        model.opsetImport = [set]
        model.graph.name = "tiny"
    }

    /// A float graph input (or output, with `output: true`) of `shape`.
    mutating func input(_ name: String, _ shape: [Int], output: Bool = false) {
        var info = Onnx_ValueInfoProto()
        info.name = name
        var tensor = Onnx_TypeProto.Tensor()
        tensor.elemType = 1
        tensor.shape.dim = shape.map { d in
            var dim = Onnx_TensorShapeProto.Dimension()
            dim.dimValue = Int64(d)
            return dim
        }
        info.type.tensorType = tensor
        if output { model.graph.output.append(info) } else { model.graph.input.append(info) }
    }

    /// An int64 initializer with inline values (`values` nil: dims only, no data).
    mutating func int64s(_ name: String, dims: [Int64], _ values: [Int64]? = nil) {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dataType = 7
        tensor.dims = dims
        if let values { tensor.int64Data = values }
        model.graph.initializer.append(tensor)
    }

    /// A float initializer with inline values (`values` nil: dims only, no data).
    mutating func floats(_ name: String, dims: [Int64], _ values: [Float]? = nil) {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dataType = 1
        tensor.dims = dims
        if let values { tensor.floatData = values }
        model.graph.initializer.append(tensor)
    }

    enum Attribute {
        case int(Int), ints([Int]), floats([Float]), string(String)
        /// A float tensor (the `value` of a `Constant`).
        case tensor(dims: [Int64], values: [Float])
    }

    mutating func node(_ op: String, _ inputs: [String], _ outputs: [String], name: String? = nil,
                       _ attributes: [String: Attribute] = [:]) {
        var node = Onnx_NodeProto()
        node.opType = op
        node.name = name ?? op.lowercased()
        node.input = inputs
        node.output = outputs
        node.attribute = attributes.sorted { $0.key < $1.key }.map { key, value in
            var a = Onnx_AttributeProto()
            a.name = key
            switch value {
            case let .int(v): a.type = .int; a.i = Int64(v)
            case let .ints(v): a.type = .ints; a.ints = v.map(Int64.init)
            case let .floats(v): a.type = .floats; a.floats = v
            case let .string(v): a.type = .string; a.s = Data(v.utf8)
            case let .tensor(dims, values):
                a.type = .tensor
                a.t.dataType = 1
                a.t.dims = dims
                a.t.floatData = values
            }
            return a
        }
        model.graph.node.append(node)
    }

    /// Writes the model to a fresh scratch file and returns its path.
    func write(_ label: String) throws -> String {
        let url = try ONNXFixtures.scratchDirectory(label).appendingPathComponent(label + ".onnx")
        try model.serializedData().write(to: url)
        return url.path
    }

    /// The model imported at batch 1, or the error, as text.
    func importError(_ label: String) throws -> String? {
        let path = try write(label)
        do {
            _ = try ONNXImport(path: path, batch: 1)
            return nil
        } catch let error as InputError {
            return "\(error)"
        }
    }
}
