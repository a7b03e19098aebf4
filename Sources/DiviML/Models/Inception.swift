/// Inception v3 (Szegedy, Vanhoucke, Ioffe, Shlens, Wojna 2016, "Rethinking the
/// Inception Architecture for Computer Vision") as torchvision builds it, at 299×299,
/// without the auxiliary classifier (inference).
///
/// Every convolution is torchvision's `BasicConv2d` (no bias, batch norm, `Relu`);
/// modules `Mixed_5b` … `Mixed_7c` are its `InceptionA` … `InceptionE`, factorised
/// 1×7/7×1 and 1×3/3×1 convolutions included. Branch average pools are 3×3, stride 1,
/// padding 1. The input normalisation (`transform_input`) and `Dropout` are left out.
/// Published size (torchvision model card): 27,161,264 parameters with the auxiliary
/// classifier, whose 3,326,696 (768·128 + 128·768·25 + 768·1000 + 1000 weights and
/// 2·(128 + 768) batch-norm values) are not built here: 23,834,568; 5.71 GMACs.
/// - Complexity: O(number of layers) to build.
enum InceptionV3 {
    typealias T = GraphBuilder.Tensor

    static func build(batch: Int, elementBytes: Int = 4) -> OpGraph {
        var b = GraphBuilder(name: "inception_v3", elementBytes: elementBytes)
        var x = b.input("input", shape: [batch, 3, 299, 299])
        x = b.convBN(x, "Conv2d_1a_3x3", out: 32, kernel: 3, stride: 2)
        x = b.convBN(x, "Conv2d_2a_3x3", out: 32, kernel: 3)
        x = b.convBN(x, "Conv2d_2b_3x3", out: 64, kernel: 3, pad: 1)
        x = b.pool("MaxPool", x, "maxpool1", kernel: 3, stride: 2)
        x = b.convBN(x, "Conv2d_3b_1x1", out: 80, kernel: 1)
        x = b.convBN(x, "Conv2d_4a_3x3", out: 192, kernel: 3)
        x = b.pool("MaxPool", x, "maxpool2", kernel: 3, stride: 2)
        x = moduleA(&b, x, "Mixed_5b", poolFeatures: 32)
        x = moduleA(&b, x, "Mixed_5c", poolFeatures: 64)
        x = moduleA(&b, x, "Mixed_5d", poolFeatures: 64)
        x = moduleB(&b, x, "Mixed_6a")
        x = moduleC(&b, x, "Mixed_6b", c7: 128)
        x = moduleC(&b, x, "Mixed_6c", c7: 160)
        x = moduleC(&b, x, "Mixed_6d", c7: 160)
        x = moduleC(&b, x, "Mixed_6e", c7: 192)
        x = moduleD(&b, x, "Mixed_7a")
        x = moduleE(&b, x, "Mixed_7b")
        x = moduleE(&b, x, "Mixed_7c")
        x = b.globalAvgPool(x, "avgpool")
        x = b.flatten(x, "flatten")
        x = b.linear(x, out: 1000, "fc")
        b.output("logits", x)
        return b.finish()
    }

    /// 3×3 average pool (stride 1, padding 1) then a 1×1 `BasicConv2d`.
    static func poolBranch(_ b: inout GraphBuilder, _ x: T, _ p: String, out: Int) -> T {
        let pooled = b.pool("AveragePool", x, "\(p).branch_pool.avgpool", kernel: 3, stride: 1, pad: 1)
        return b.convBN(pooled, "\(p).branch_pool", out: out, kernel: 1)
    }

    /// InceptionA: 1×1; 1×1→5×5; 1×1→3×3→3×3; pool→1×1 (35×35 grid).
    static func moduleA(_ b: inout GraphBuilder, _ x: T, _ p: String, poolFeatures: Int) -> T {
        let b1 = b.convBN(x, "\(p).branch1x1", out: 64, kernel: 1)
        var b5 = b.convBN(x, "\(p).branch5x5_1", out: 48, kernel: 1)
        b5 = b.convBN(b5, "\(p).branch5x5_2", out: 64, kernel: 5, pad: 2)
        var b3 = b.convBN(x, "\(p).branch3x3dbl_1", out: 64, kernel: 1)
        b3 = b.convBN(b3, "\(p).branch3x3dbl_2", out: 96, kernel: 3, pad: 1)
        b3 = b.convBN(b3, "\(p).branch3x3dbl_3", out: 96, kernel: 3, pad: 1)
        let bp = poolBranch(&b, x, p, out: poolFeatures)
        return b.concat([b1, b5, b3, bp], axis: 1, "\(p).concat")
    }

    /// InceptionB, grid reduction 35→17: strided 3×3; 1×1→3×3→strided 3×3; max pool.
    static func moduleB(_ b: inout GraphBuilder, _ x: T, _ p: String) -> T {
        let b3 = b.convBN(x, "\(p).branch3x3", out: 384, kernel: 3, stride: 2)
        var bd = b.convBN(x, "\(p).branch3x3dbl_1", out: 64, kernel: 1)
        bd = b.convBN(bd, "\(p).branch3x3dbl_2", out: 96, kernel: 3, pad: 1)
        bd = b.convBN(bd, "\(p).branch3x3dbl_3", out: 96, kernel: 3, stride: 2)
        let bp = b.pool("MaxPool", x, "\(p).branch_pool", kernel: 3, stride: 2)
        return b.concat([b3, bd, bp], axis: 1, "\(p).concat")
    }

    /// InceptionC on the 17×17 grid, with 7×7 factorised into 1×7 and 7×1.
    static func moduleC(_ b: inout GraphBuilder, _ x: T, _ p: String, c7: Int) -> T {
        let b1 = b.convBN(x, "\(p).branch1x1", out: 192, kernel: 1)
        var b7 = b.convBN(x, "\(p).branch7x7_1", out: c7, kernel: 1)
        b7 = b.convBN(b7, "\(p).branch7x7_2", out: c7, kernel: (1, 7), pad: (0, 3))
        b7 = b.convBN(b7, "\(p).branch7x7_3", out: 192, kernel: (7, 1), pad: (3, 0))
        var bd = b.convBN(x, "\(p).branch7x7dbl_1", out: c7, kernel: 1)
        bd = b.convBN(bd, "\(p).branch7x7dbl_2", out: c7, kernel: (7, 1), pad: (3, 0))
        bd = b.convBN(bd, "\(p).branch7x7dbl_3", out: c7, kernel: (1, 7), pad: (0, 3))
        bd = b.convBN(bd, "\(p).branch7x7dbl_4", out: c7, kernel: (7, 1), pad: (3, 0))
        bd = b.convBN(bd, "\(p).branch7x7dbl_5", out: 192, kernel: (1, 7), pad: (0, 3))
        let bp = poolBranch(&b, x, p, out: 192)
        return b.concat([b1, b7, bd, bp], axis: 1, "\(p).concat")
    }

    /// InceptionD, grid reduction 17→8: 1×1→strided 3×3; 1×1→1×7→7×1→strided 3×3; max pool.
    static func moduleD(_ b: inout GraphBuilder, _ x: T, _ p: String) -> T {
        var b3 = b.convBN(x, "\(p).branch3x3_1", out: 192, kernel: 1)
        b3 = b.convBN(b3, "\(p).branch3x3_2", out: 320, kernel: 3, stride: 2)
        var b7 = b.convBN(x, "\(p).branch7x7x3_1", out: 192, kernel: 1)
        b7 = b.convBN(b7, "\(p).branch7x7x3_2", out: 192, kernel: (1, 7), pad: (0, 3))
        b7 = b.convBN(b7, "\(p).branch7x7x3_3", out: 192, kernel: (7, 1), pad: (3, 0))
        b7 = b.convBN(b7, "\(p).branch7x7x3_4", out: 192, kernel: 3, stride: 2)
        let bp = b.pool("MaxPool", x, "\(p).branch_pool", kernel: 3, stride: 2)
        return b.concat([b3, b7, bp], axis: 1, "\(p).concat")
    }

    /// InceptionE on the 8×8 grid: 3×3 split into parallel 1×3 and 3×1, concatenated.
    static func moduleE(_ b: inout GraphBuilder, _ x: T, _ p: String) -> T {
        let b1 = b.convBN(x, "\(p).branch1x1", out: 320, kernel: 1)
        let s3 = b.convBN(x, "\(p).branch3x3_1", out: 384, kernel: 1)
        let b3 = splitPair(&b, s3, "\(p).branch3x3_2")
        var sd = b.convBN(x, "\(p).branch3x3dbl_1", out: 448, kernel: 1)
        sd = b.convBN(sd, "\(p).branch3x3dbl_2", out: 384, kernel: 3, pad: 1)
        let bd = splitPair(&b, sd, "\(p).branch3x3dbl_3")
        let bp = poolBranch(&b, x, p, out: 192)
        return b.concat([b1, b3, bd, bp], axis: 1, "\(p).concat")
    }

    /// Parallel 1×3 and 3×1 convolutions of 384 channels each, concatenated.
    static func splitPair(_ b: inout GraphBuilder, _ x: T, _ p: String) -> T {
        let a = b.convBN(x, "\(p)a", out: 384, kernel: (1, 3), pad: (0, 1))
        let c = b.convBN(x, "\(p)b", out: 384, kernel: (3, 1), pad: (1, 0))
        return b.concat([a, c], axis: 1, "\(p).concat")
    }
}
