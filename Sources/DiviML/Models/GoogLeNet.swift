/// GoogLeNet (Szegedy et al. 2015, "Going Deeper with Convolutions") as torchvision
/// builds it, without the auxiliary classifiers (inference), at 224×224.
///
/// Every convolution is torchvision's `BasicConv2d` (convolution without bias, batch
/// norm, `Relu`). As in torchvision, the "5×5" branch uses a 3×3 kernel; max pools
/// round up (`ceil_mode`). The input normalisation (`transform_input`) and `Dropout`
/// are left out.
/// Published size (torchvision model card): 6,624,904 parameters, 1.50 GMACs.
/// - Complexity: O(number of layers) to build.
enum GoogLeNet {
    /// One inception module: 1×1; 1×1 then 3×3; 1×1 then 3×3; 3×3 max pool then 1×1.
    struct Module {
        var name: String
        var ch1x1: Int, ch3x3red: Int, ch3x3: Int, ch5x5red: Int, ch5x5: Int, poolProj: Int
    }

    /// The paper's Table 1, stage by stage; `nil` is a max pool between stages.
    static let modules: [Module?] = [
        Module(name: "inception3a", ch1x1: 64, ch3x3red: 96, ch3x3: 128, ch5x5red: 16, ch5x5: 32, poolProj: 32),
        Module(name: "inception3b", ch1x1: 128, ch3x3red: 128, ch3x3: 192, ch5x5red: 32, ch5x5: 96, poolProj: 64),
        nil,
        Module(name: "inception4a", ch1x1: 192, ch3x3red: 96, ch3x3: 208, ch5x5red: 16, ch5x5: 48, poolProj: 64),
        Module(name: "inception4b", ch1x1: 160, ch3x3red: 112, ch3x3: 224, ch5x5red: 24, ch5x5: 64, poolProj: 64),
        Module(name: "inception4c", ch1x1: 128, ch3x3red: 128, ch3x3: 256, ch5x5red: 24, ch5x5: 64, poolProj: 64),
        Module(name: "inception4d", ch1x1: 112, ch3x3red: 144, ch3x3: 288, ch5x5red: 32, ch5x5: 64, poolProj: 64),
        Module(name: "inception4e", ch1x1: 256, ch3x3red: 160, ch3x3: 320, ch5x5red: 32, ch5x5: 128, poolProj: 128),
        nil,
        Module(name: "inception5a", ch1x1: 256, ch3x3red: 160, ch3x3: 320, ch5x5red: 32, ch5x5: 128, poolProj: 128),
        Module(name: "inception5b", ch1x1: 384, ch3x3red: 192, ch3x3: 384, ch5x5red: 48, ch5x5: 128, poolProj: 128),
    ]

    static func build(batch: Int, elementBytes: Int = 4) -> OpGraph {
        var b = GraphBuilder(name: "googlenet", elementBytes: elementBytes)
        var x = b.input("input", shape: [batch, 3, 224, 224])
        x = b.convBN(x, "conv1", out: 64, kernel: 7, stride: 2, pad: 3)
        x = b.pool("MaxPool", x, "maxpool1", kernel: 3, stride: 2, ceilMode: true)
        x = b.convBN(x, "conv2", out: 64, kernel: 1)
        x = b.convBN(x, "conv3", out: 192, kernel: 3, pad: 1)
        x = b.pool("MaxPool", x, "maxpool2", kernel: 3, stride: 2, ceilMode: true)
        var pools = 3
        for module in modules {
            if let module {
                x = inception(&b, x, module)
            } else {
                let kernel = pools == 3 ? 3 : 2
                x = b.pool("MaxPool", x, "maxpool\(pools)", kernel: kernel, stride: 2, ceilMode: true)
                pools += 1
            }
        }
        x = b.globalAvgPool(x, "avgpool")
        x = b.flatten(x, "flatten")
        x = b.linear(x, out: 1000, "fc")
        b.output("logits", x)
        return b.finish()
    }

    static func inception(_ b: inout GraphBuilder, _ x: GraphBuilder.Tensor, _ m: Module) -> GraphBuilder.Tensor {
        let p = m.name
        let b1 = b.convBN(x, "\(p).branch1", out: m.ch1x1, kernel: 1)
        var b2 = b.convBN(x, "\(p).branch2.0", out: m.ch3x3red, kernel: 1)
        b2 = b.convBN(b2, "\(p).branch2.1", out: m.ch3x3, kernel: 3, pad: 1)
        var b3 = b.convBN(x, "\(p).branch3.0", out: m.ch5x5red, kernel: 1)
        b3 = b.convBN(b3, "\(p).branch3.1", out: m.ch5x5, kernel: 3, pad: 1)
        var b4 = b.pool("MaxPool", x, "\(p).branch4.0", kernel: 3, stride: 1, pad: 1, ceilMode: true)
        b4 = b.convBN(b4, "\(p).branch4.1", out: m.poolProj, kernel: 1)
        return b.concat([b1, b2, b3, b4], axis: 1, "\(p).concat")
    }
}
