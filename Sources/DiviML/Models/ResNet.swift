/// ResNet-18 and ResNet-50 (He, Zhang, Ren, Sun 2016, "Deep Residual Learning for Image
/// Recognition"), as torchvision builds them: ResNet v1.5, whose bottleneck strides in
/// the 3×3 convolution, at 224×224.
///
/// Published sizes (torchvision model cards): resnet18 11,689,512 parameters and
/// 1.81 GMACs; resnet50 25,557,032 parameters and 4.09 GMACs.
/// - Complexity: O(number of layers) to build.
enum ResNet {
    /// `blocks` per stage and whether they are bottlenecks (expansion 4).
    static func build(name: String, blocks: [Int], bottleneck: Bool, batch: Int, elementBytes: Int = 4) -> OpGraph {
        var b = GraphBuilder(name: name, elementBytes: elementBytes)
        var x = b.input("input", shape: [batch, 3, 224, 224])
        x = b.conv(x, "conv1", out: 64, kernel: 7, stride: 2, pad: 3)
        x = b.batchNorm(x, "bn1")
        x = b.relu(x, "relu")
        x = b.pool("MaxPool", x, "maxpool", kernel: 3, stride: 2, pad: 1)
        for (stage, count) in blocks.enumerated() {
            let width = 64 << stage
            for i in 0..<count {
                let prefix = "layer\(stage + 1).\(i)"
                let stride = (i == 0 && stage > 0) ? 2 : 1
                x = bottleneck
                    ? bottleneckBlock(&b, x, prefix, width: width, stride: stride)
                    : basicBlock(&b, x, prefix, width: width, stride: stride)
            }
        }
        x = b.globalAvgPool(x, "avgpool")
        x = b.flatten(x, "flatten")
        x = b.linear(x, out: 1000, "fc")
        b.output("logits", x)
        return b.finish()
    }

    /// Two 3×3 convolutions and an identity (or 1×1 projection) shortcut.
    static func basicBlock(_ b: inout GraphBuilder, _ x: GraphBuilder.Tensor, _ p: String, width: Int, stride: Int)
        -> GraphBuilder.Tensor
    {
        var y = b.conv(x, "\(p).conv1", out: width, kernel: 3, stride: stride, pad: 1)
        y = b.batchNorm(y, "\(p).bn1")
        y = b.relu(y, "\(p).relu1")
        y = b.conv(y, "\(p).conv2", out: width, kernel: 3, pad: 1)
        y = b.batchNorm(y, "\(p).bn2")
        let shortcut = downsample(&b, x, p, out: width, stride: stride)
        y = b.binary("Add", y, shortcut, "\(p).add")
        return b.relu(y, "\(p).relu2")
    }

    /// 1×1 reduce, 3×3 (strided), 1×1 expand to 4·width, and the shortcut.
    static func bottleneckBlock(_ b: inout GraphBuilder, _ x: GraphBuilder.Tensor, _ p: String, width: Int, stride: Int)
        -> GraphBuilder.Tensor
    {
        var y = b.conv(x, "\(p).conv1", out: width, kernel: 1)
        y = b.batchNorm(y, "\(p).bn1")
        y = b.relu(y, "\(p).relu1")
        y = b.conv(y, "\(p).conv2", out: width, kernel: 3, stride: stride, pad: 1)
        y = b.batchNorm(y, "\(p).bn2")
        y = b.relu(y, "\(p).relu2")
        y = b.conv(y, "\(p).conv3", out: 4 * width, kernel: 1)
        y = b.batchNorm(y, "\(p).bn3")
        let shortcut = downsample(&b, x, p, out: 4 * width, stride: stride)
        y = b.binary("Add", y, shortcut, "\(p).add")
        return b.relu(y, "\(p).relu3")
    }

    /// The input itself, or a strided 1×1 convolution and batch norm when the shape changes.
    static func downsample(_ b: inout GraphBuilder, _ x: GraphBuilder.Tensor, _ p: String, out: Int, stride: Int)
        -> GraphBuilder.Tensor
    {
        guard stride != 1 || x.shape[1] != out else { return x }
        let y = b.conv(x, "\(p).downsample.0", out: out, kernel: 1, stride: stride)
        return b.batchNorm(y, "\(p).downsample.1")
    }
}
