/// Elementwise, shape and matrix layers: what classifiers end with and what
/// transformers are made of. Shapes follow ONNX (numpy) broadcasting.
extension GraphBuilder {
    /// A one-input elementwise operator (`Relu`, `Clip`, `Gelu`, `Tanh`, `Div` by a
    /// constant, `Where` with a constant mask, …): output shape = input shape.
    mutating func unary(_ type: String, _ x: Tensor, _ name: String, params: Int = 0) -> Tensor {
        add(type, name: name, inputs: [x], output: x.shape, params: params)
    }

    mutating func relu(_ x: Tensor, _ name: String) -> Tensor {
        unary("Relu", x, name)
    }

    /// A two-input elementwise operator with numpy broadcasting (`Add`, `Mul`, …).
    mutating func binary(_ type: String, _ a: Tensor, _ b: Tensor, _ name: String) -> Tensor {
        add(type, name: name, inputs: [a, b], output: broadcast(a.shape, b.shape, name))
    }

    /// An n-ary elementwise operator over equal shapes (`Sum`, `Mean`).
    mutating func variadic(_ type: String, _ xs: [Tensor], _ name: String, params: Int = 0) -> Tensor {
        precondition(!xs.isEmpty && xs.allSatisfy { $0.shape == xs[0].shape }, "'\(name)': \(type) needs equal shapes")
        return add(type, name: name, inputs: xs, output: xs[0].shape, params: params)
    }

    /// Concatenation along `axis`; every other axis must agree.
    mutating func concat(_ xs: [Tensor], axis: Int, _ name: String) -> Tensor {
        var shape = xs[0].shape
        for x in xs.dropFirst() {
            precondition(x.shape.count == shape.count, "'\(name)': ranks differ")
            for d in shape.indices where d != axis {
                precondition(x.shape[d] == shape[d], "'\(name)': axis \(d) differs, \(x.shape) vs \(shape)")
            }
            shape[axis] += x.shape[axis]
        }
        return add("Concat", name: name, inputs: xs, output: shape, attributes: ["axis": [axis]])
    }

    /// A reshape to `shape`, which must hold as many elements.
    mutating func reshape(_ x: Tensor, _ shape: [Int], _ name: String) -> Tensor {
        precondition(elementCount(shape) == elementCount(x.shape), "'\(name)': cannot reshape \(x.shape) to \(shape)")
        return add("Reshape", name: name, inputs: [x], output: shape)
    }

    /// Axis permutation: output axis `i` is input axis `perm[i]`.
    mutating func transpose(_ x: Tensor, _ perm: [Int], _ name: String) -> Tensor {
        precondition(perm.sorted() == Array(x.shape.indices), "'\(name)': \(perm) is no permutation of \(x.shape)")
        return add("Transpose", name: name, inputs: [x], output: perm.map { x.shape[$0] }, attributes: ["perm": perm])
    }

    /// `x[..., start..<end, ...]` along `axis`.
    mutating func slice(_ x: Tensor, axis: Int, _ range: Range<Int>, _ name: String) -> Tensor {
        precondition(range.lowerBound >= 0 && range.upperBound <= x.shape[axis] && !range.isEmpty, "'\(name)': bad slice")
        var shape = x.shape
        shape[axis] = range.count
        return add("Slice", name: name, inputs: [x], output: shape, attributes: ["axes": [axis]])
    }

    /// One index taken along `axis` (e.g. the first token): that axis disappears.
    mutating func select(_ x: Tensor, axis: Int, _ name: String) -> Tensor {
        var shape = x.shape
        shape.remove(at: axis)
        return add("Gather", name: name, inputs: [x], output: shape, attributes: ["axis": [axis]])
    }

    /// An embedding lookup: rows of a `rows × dim` table at `indices`; output
    /// `indices.shape + [dim]`. The table is this operator's weights.
    mutating func embedding(_ indices: Tensor, rows: Int, dim: Int, _ name: String) -> Tensor {
        add("Gather", name: name, inputs: [indices], output: indices.shape + [dim], attributes: ["axis": [0]], params: rows * dim)
    }

    /// A product of two activations, batched over leading axes: `[..., M, K] × [..., K, N]`.
    mutating func matMul(_ a: Tensor, _ b: Tensor, _ name: String) -> Tensor {
        let (m, k) = (a.shape[a.shape.count - 2], a.shape[a.shape.count - 1])
        let (k2, n) = (b.shape[b.shape.count - 2], b.shape[b.shape.count - 1])
        precondition(k == k2, "'\(name)': inner dimensions \(a.shape) × \(b.shape) differ")
        let batch = broadcast(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)), name)
        return add("MatMul", name: name, inputs: [a, b], output: batch + [m, n])
    }

    /// A fully connected layer `x · Wᵀ + b` on the last axis, as the exporter writes
    /// `nn.Linear`: one `Gemm` (`transB = 1`) on a 2-D input; otherwise a `MatMul`
    /// named `name` and, with a bias, an `Add` named `name.bias`.
    mutating func linear(_ x: Tensor, out: Int, _ name: String, bias: Bool = true) -> Tensor {
        let inFeatures = x.shape[x.shape.count - 1]
        let shape = x.shape.dropLast() + [out]
        if x.shape.count == 2 {
            return add("Gemm", name: name, inputs: [x], output: Array(shape), attributes: ["transB": [1]],
                       params: inFeatures * out + (bias ? out : 0))
        }
        let product = add("MatMul", name: name, inputs: [x], output: Array(shape), params: inFeatures * out)
        return bias ? unary("Add", product, name + ".bias", params: out) : product
    }

    /// Softmax along `axis`.
    mutating func softmax(_ x: Tensor, axis: Int, _ name: String) -> Tensor {
        add("Softmax", name: name, inputs: [x], output: x.shape, attributes: ["axis": [axis]])
    }

    /// Layer normalisation over the last axis, with scale and bias (2 values per feature).
    mutating func layerNorm(_ x: Tensor, _ name: String) -> Tensor {
        add("LayerNormalization", name: name, inputs: [x], output: x.shape, attributes: ["axis": [-1]],
            params: 2 * x.shape[x.shape.count - 1])
    }

    /// The numpy broadcast of two shapes, aligned on the right.
    private func broadcast(_ a: [Int], _ b: [Int], _ name: String) -> [Int] {
        let rank = max(a.count, b.count)
        let pa = [Int](repeating: 1, count: rank - a.count) + a
        let pb = [Int](repeating: 1, count: rank - b.count) + b
        return zip(pa, pb).map { x, y in
            precondition(x == y || x == 1 || y == 1, "'\(name)': shapes \(a) and \(b) do not broadcast")
            return max(x, y)
        }
    }
}
