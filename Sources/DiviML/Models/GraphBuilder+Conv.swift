/// Convolution, normalisation and pooling layers on NCHW tensors, with output shapes
/// by the ONNX (and PyTorch) rules. Attribute names are ONNX's: `kernel_shape`,
/// `strides`, `pads` (`[top, left, bottom, right]`), `group`, `ceil_mode`.
extension GraphBuilder {
    /// A 2-D convolution, `out` channels, `kernel` (height, width), symmetric padding
    /// `pad` (height, width). Weights: `out · C_in / group · kh · kw`, plus `out` with bias.
    /// - Precondition: `x` is NCHW and `group` divides both channel counts.
    mutating func conv(
        _ x: Tensor, _ name: String, out: Int, kernel: (Int, Int), stride: Int = 1,
        pad: (Int, Int) = (0, 0), group: Int = 1, bias: Bool = false
    ) -> Tensor {
        precondition(x.shape.count == 4, "conv '\(name)' needs an NCHW input, got \(x.shape)")
        let cin = x.shape[1]
        precondition(cin % group == 0 && out % group == 0, "conv '\(name)': group \(group) must divide \(cin) and \(out)")
        let h = (x.shape[2] + 2 * pad.0 - kernel.0) / stride + 1
        let w = (x.shape[3] + 2 * pad.1 - kernel.1) / stride + 1
        let attributes: [String: [Int]] = [
            "kernel_shape": [kernel.0, kernel.1], "strides": [stride, stride],
            "pads": [pad.0, pad.1, pad.0, pad.1], "dilations": [1, 1], "group": [group],
        ]
        let weights = out * (cin / group) * kernel.0 * kernel.1 + (bias ? out : 0)
        return add("Conv", name: name, inputs: [x], output: [x.shape[0], out, h, w], attributes: attributes, params: weights)
    }

    /// A square-kernel convolution with the same padding on every side.
    mutating func conv(
        _ x: Tensor, _ name: String, out: Int, kernel: Int, stride: Int = 1, pad: Int = 0,
        group: Int = 1, bias: Bool = false
    ) -> Tensor {
        conv(x, name, out: out, kernel: (kernel, kernel), stride: stride, pad: (pad, pad), group: group, bias: bias)
    }

    /// Batch normalisation over the channel axis (axis 1): scale, bias, running mean and
    /// running variance, 4 values per channel.
    mutating func batchNorm(_ x: Tensor, _ name: String) -> Tensor {
        add("BatchNormalization", name: name, inputs: [x], output: x.shape, params: 4 * x.shape[1])
    }

    /// `MaxPool` or `AveragePool` with a square window. With `ceilMode` the output size
    /// rounds up, except that a window may not start inside the right padding (PyTorch's
    /// rule, which ONNX `ceil_mode = 1` matches for these shapes).
    mutating func pool(
        _ type: String, _ x: Tensor, _ name: String, kernel: Int, stride: Int, pad: Int = 0,
        ceilMode: Bool = false
    ) -> Tensor {
        precondition(type == "MaxPool" || type == "AveragePool", "unknown pool '\(type)'")
        precondition(x.shape.count == 4, "pool '\(name)' needs an NCHW input, got \(x.shape)")
        let size = { (n: Int) -> Int in
            let span = n + 2 * pad - kernel
            var out = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1
            if ceilMode && (out - 1) * stride >= n + pad { out -= 1 }
            return out
        }
        var attributes: [String: [Int]] = [
            "kernel_shape": [kernel, kernel], "strides": [stride, stride], "pads": [pad, pad, pad, pad],
        ]
        if ceilMode { attributes["ceil_mode"] = [1] }
        if type == "AveragePool" && pad > 0 { attributes["count_include_pad"] = [1] }
        let shape = [x.shape[0], x.shape[1], size(x.shape[2]), size(x.shape[3])]
        return add(type, name: name, inputs: [x], output: shape, attributes: attributes)
    }

    /// Mean over the spatial axes: NCHW to NC11.
    mutating func globalAvgPool(_ x: Tensor, _ name: String) -> Tensor {
        add("GlobalAveragePool", name: name, inputs: [x], output: [x.shape[0], x.shape[1], 1, 1])
    }

    /// Collapses every axis after the first: (N, ...) to (N, product).
    mutating func flatten(_ x: Tensor, _ name: String) -> Tensor {
        let rest = x.shape.dropFirst().reduce(1, *)
        return add("Flatten", name: name, inputs: [x], output: [x.shape[0], rest], attributes: ["axis": [1]])
    }
}

extension GraphBuilder {
    /// Convolution without bias, batch norm, then an activation (`Relu`, `Clip` for
    /// ReLU6, or none): nodes `prefix.conv`, `prefix.bn` and `prefix.relu`.
    mutating func convBN(
        _ x: Tensor, _ prefix: String, out: Int, kernel: (Int, Int), stride: Int = 1,
        pad: (Int, Int) = (0, 0), group: Int = 1, activation: String? = "Relu"
    ) -> Tensor {
        var y = conv(x, "\(prefix).conv", out: out, kernel: kernel, stride: stride, pad: pad, group: group)
        y = batchNorm(y, "\(prefix).bn")
        guard let activation else { return y }
        return unary(activation, y, "\(prefix).relu")
    }

    /// `convBN` with a square kernel and equal padding.
    mutating func convBN(
        _ x: Tensor, _ prefix: String, out: Int, kernel: Int, stride: Int = 1, pad: Int = 0,
        group: Int = 1, activation: String? = "Relu"
    ) -> Tensor {
        convBN(x, prefix, out: out, kernel: (kernel, kernel), stride: stride, pad: (pad, pad), group: group,
               activation: activation)
    }
}
