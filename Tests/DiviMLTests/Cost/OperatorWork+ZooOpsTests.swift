import Testing
@testable import DiviML

/// `OperatorWork` on the operator forms the model zoo emits, each figure worked out by
/// hand from the shapes.
@Suite("Operator work of zoo operators")
struct OperatorWorkZooOpsTests {
    @Test("depthwise and grouped convolutions count C_in / group per output")
    func groupedConv() {
        let op = Operator(name: "dw", type: "Conv", inputShapes: [[1, 32, 56, 56]], outputShapes: [[1, 32, 28, 28]],
                          attributes: ["kernel_shape": [3, 3], "strides": [2, 2], "group": [32]], paramBytes: 32 * 9 * 4)
        #expect(OperatorWork.of(op).flops == 2 * Double(32 * 28 * 28) * 9)
        let asymmetric = Operator(name: "c", type: "Conv", inputShapes: [[2, 8, 17, 17]], outputShapes: [[2, 4, 17, 17]],
                                  attributes: ["kernel_shape": [1, 7]])
        #expect(OperatorWork.of(asymmetric).flops == 2 * Double(2 * 4 * 17 * 17) * 8 * 7)
    }

    @Test("batched MatMul and Gemm with transposed weights contract the last input axis")
    func matrixProducts() {
        let scores = Operator(name: "s", type: "MatMul", inputShapes: [[2, 12, 128, 64], [2, 12, 64, 128]],
                              outputShapes: [[2, 12, 128, 128]])
        #expect(OperatorWork.of(scores).flops == 2 * Double(2 * 12 * 128 * 128) * 64)
        let fc = Operator(name: "fc", type: "Gemm", inputShapes: [[4, 2048]], outputShapes: [[4, 1000]],
                          attributes: ["transB": [1]], paramBytes: 4 * 2_049_000)
        #expect(OperatorWork.of(fc).flops == 2 * 4 * 1000 * 2048)
    }

    @Test("Sum and Mean of n inputs: n − 1 additions per element, plus the division for Mean")
    func variadic() {
        let shapes = [[Int]](repeating: [1, 78, 28, 28], count: 4)
        let out = Double(78 * 28 * 28)
        let sum = Operator(name: "s", type: "Sum", inputShapes: shapes, outputShapes: [shapes[0]])
        let mean = Operator(name: "m", type: "Mean", inputShapes: shapes, outputShapes: [shapes[0]])
        #expect(OperatorWork.of(sum).flops == 3 * out)
        #expect(OperatorWork.of(mean).flops == 4 * out)
        let pair = Operator(name: "p", type: "Sum", inputShapes: Array(shapes.prefix(2)), outputShapes: [shapes[0]])
        #expect(OperatorWork.of(pair).flops == out)
    }

    @Test("an embedding Gather reads the rows it gathers, not its whole table")
    func gatherBytes() {
        let table = 30_522 * 768
        let op = Operator(name: "wte", type: "Gather", inputShapes: [[1, 128]], outputShapes: [[1, 128, 768]],
                          attributes: ["axis": [0]], paramBytes: Int64(4 * table))
        let work = OperatorWork.of(op)
        #expect(work.flops == 0)
        #expect(work.bytes == Double(4 * 128 + 2 * 4 * 128 * 768))
    }
}
