/// MobileNetV2 (Sandler, Howard, Zhu, Zhmoginov, Chen 2018, "MobileNetV2: Inverted
/// Residuals and Linear Bottlenecks"), width 1.0, as torchvision builds it, at 224×224.
///
/// ReLU6 is exported as `Clip`. Each inverted residual is an optional 1×1 expansion,
/// a depthwise 3×3 (`group` = channels) and a linear 1×1 projection, with an `Add`
/// when stride is 1 and the channel count is kept.
/// Published size (torchvision model card): 3,504,872 parameters, 0.30 GMACs.
/// - Complexity: O(number of layers) to build.
enum MobileNetV2 {
    /// (expansion t, output channels c, repeats n, first stride s), the paper's Table 2.
    static let settings: [(t: Int, c: Int, n: Int, s: Int)] = [
        (1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1),
    ]

    static func build(batch: Int, elementBytes: Int = 4) -> OpGraph {
        var b = GraphBuilder(name: "mobilenet_v2", elementBytes: elementBytes)
        var x = b.input("input", shape: [batch, 3, 224, 224])
        x = b.convBN(x, "features.0", out: 32, kernel: 3, stride: 2, pad: 1, activation: "Clip")
        var index = 1
        for setting in settings {
            for i in 0..<setting.n {
                x = invertedResidual(&b, x, "features.\(index)", out: setting.c, stride: i == 0 ? setting.s : 1,
                                     expansion: setting.t)
                index += 1
            }
        }
        x = b.convBN(x, "features.\(index)", out: 1280, kernel: 1, activation: "Clip")
        x = b.globalAvgPool(x, "avgpool")
        x = b.flatten(x, "flatten")
        x = b.linear(x, out: 1000, "classifier.1")
        b.output("logits", x)
        return b.finish()
    }

    static func invertedResidual(
        _ b: inout GraphBuilder, _ x: GraphBuilder.Tensor, _ p: String, out: Int, stride: Int, expansion: Int
    ) -> GraphBuilder.Tensor {
        let hidden = x.shape[1] * expansion
        var y = x
        if expansion != 1 {
            y = b.convBN(y, "\(p).expand", out: hidden, kernel: 1, activation: "Clip")
        }
        y = b.convBN(y, "\(p).depthwise", out: hidden, kernel: 3, stride: stride, pad: 1, group: hidden, activation: "Clip")
        y = b.convBN(y, "\(p).project", out: out, kernel: 1, activation: nil)
        guard stride == 1 && x.shape[1] == out else { return y }
        return b.binary("Add", x, y, "\(p).add")
    }
}
