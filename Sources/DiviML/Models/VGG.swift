/// VGG-16 (Simonyan, Zisserman 2015, "Very Deep Convolutional Networks for Large-Scale
/// Image Recognition", configuration D), as torchvision builds it, at 224×224.
///
/// Node names follow torchvision's module indices (`features.0`, `classifier.3`). The
/// adaptive 7×7 average pool is the identity at 224×224 and, with `Dropout`, left out.
/// Published size (torchvision model card): 138,357,544 parameters, 15.47 GMACs.
/// - Complexity: O(number of layers) to build.
enum VGG {
    /// Output channels of each 3×3 convolution, `nil` for a 2×2 max pool.
    static let configurationD: [Int?] = [64, 64, nil, 128, 128, nil, 256, 256, 256, nil, 512, 512, 512, nil, 512, 512, 512, nil]

    static func build16(batch: Int, elementBytes: Int = 4) -> OpGraph {
        var b = GraphBuilder(name: "vgg16", elementBytes: elementBytes)
        var x = b.input("input", shape: [batch, 3, 224, 224])
        var index = 0
        for entry in configurationD {
            if let channels = entry {
                x = b.conv(x, "features.\(index)", out: channels, kernel: 3, pad: 1, bias: true)
                x = b.relu(x, "features.\(index + 1)")
                index += 2
            } else {
                x = b.pool("MaxPool", x, "features.\(index)", kernel: 2, stride: 2)
                index += 1
            }
        }
        x = b.flatten(x, "flatten")
        x = b.linear(x, out: 4096, "classifier.0")
        x = b.relu(x, "classifier.1")
        x = b.linear(x, out: 4096, "classifier.3")
        x = b.relu(x, "classifier.4")
        x = b.linear(x, out: 1000, "classifier.6")
        b.output("logits", x)
        return b.finish()
    }
}
