/// SqueezeNet 1.0 (Iandola et al. 2016, "SqueezeNet: AlexNet-level accuracy with 50x
/// fewer parameters and <0.5MB model size") and 1.1 (the SqueezeNet repository's
/// revision: 3×3 stem with 64 channels, earlier pooling), as torchvision builds them,
/// at 224×224.
///
/// A fire module: a 1×1 squeeze convolution, then 1×1 and 3×3 expand convolutions side
/// by side, concatenated; every convolution has a bias and a `Relu`. Max pools round
/// up (`ceil_mode`). Dropout is left out.
/// Published sizes (torchvision model cards): 1.0 has 1,248,424 parameters and
/// 0.82 GMACs; 1.1 has 1,235,496 parameters and 0.35 GMACs.
/// - Complexity: O(number of layers) to build.
enum SqueezeNet {
    enum Version: String { case v1_0 = "1.0", v1_1 = "1.1" }

    /// A stage item: a fire module (squeeze, expand 1×1, expand 3×3) or a max pool.
    enum Item {
        case fire(Int, Int, Int)
        case pool
    }

    static func layers(_ version: Version) -> [Item] {
        switch version {
        case .v1_0:
            return [.pool, .fire(16, 64, 64), .fire(16, 64, 64), .fire(32, 128, 128), .pool,
                    .fire(32, 128, 128), .fire(48, 192, 192), .fire(48, 192, 192), .fire(64, 256, 256), .pool,
                    .fire(64, 256, 256)]
        case .v1_1:
            return [.pool, .fire(16, 64, 64), .fire(16, 64, 64), .pool, .fire(32, 128, 128), .fire(32, 128, 128),
                    .pool, .fire(48, 192, 192), .fire(48, 192, 192), .fire(64, 256, 256), .fire(64, 256, 256)]
        }
    }

    static func build(_ version: Version, name: String, batch: Int, elementBytes: Int = 4) -> OpGraph {
        var b = GraphBuilder(name: name, elementBytes: elementBytes)
        var x = b.input("input", shape: [batch, 3, 224, 224])
        x = version == .v1_0
            ? b.conv(x, "features.0", out: 96, kernel: 7, stride: 2, bias: true)
            : b.conv(x, "features.0", out: 64, kernel: 3, stride: 2, bias: true)
        x = b.relu(x, "features.1")
        for (i, item) in layers(version).enumerated() {
            let p = "features.\(i + 2)"
            switch item {
            case .pool:
                x = b.pool("MaxPool", x, p, kernel: 3, stride: 2, ceilMode: true)
            case let .fire(squeeze, expand1, expand3):
                x = fire(&b, x, p, squeeze: squeeze, expand1: expand1, expand3: expand3)
            }
        }
        x = b.conv(x, "classifier.1", out: 1000, kernel: 1, bias: true)
        x = b.relu(x, "classifier.2")
        x = b.globalAvgPool(x, "classifier.3")
        x = b.flatten(x, "flatten")
        b.output("logits", x)
        return b.finish()
    }

    static func fire(
        _ b: inout GraphBuilder, _ x: GraphBuilder.Tensor, _ p: String, squeeze: Int, expand1: Int, expand3: Int
    ) -> GraphBuilder.Tensor {
        var s = b.conv(x, "\(p).squeeze", out: squeeze, kernel: 1, bias: true)
        s = b.relu(s, "\(p).squeeze_activation")
        var e1 = b.conv(s, "\(p).expand1x1", out: expand1, kernel: 1, bias: true)
        e1 = b.relu(e1, "\(p).expand1x1_activation")
        var e3 = b.conv(s, "\(p).expand3x3", out: expand3, kernel: 3, pad: 1, bias: true)
        e3 = b.relu(e3, "\(p).expand3x3_activation")
        return b.concat([e1, e3], axis: 1, "\(p).concat")
    }
}
