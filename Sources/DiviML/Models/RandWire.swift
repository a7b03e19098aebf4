/// Randomly wired networks (Xie, Kirillov, Girshick, He 2019, "Exploring Randomly Wired
/// Neural Networks for Image Recognition"), the small-computation regime of their
/// Table 1, at 224×224:
///
/// | stage | output | layers |
/// |---|---|---|
/// | conv1 | 112² | 3×3 conv, C/2, stride 2, BN |
/// | conv2 | 56² | ReLU, 3×3 conv, C, stride 2, BN |
/// | conv3 | 28² | random graph, N nodes, C |
/// | conv4 | 14² | random graph, N nodes, 2C |
/// | conv5 | 7² | random graph, N nodes, 4C |
/// | classifier | 1² | ReLU, 1×1 conv 1280, BN, ReLU, global average pool, 1000-d fc |
///
/// The paper's setting is N = 32, C = 78 (about 5.6 M parameters and 0.58 GMACs).
/// Each stage samples its own undirected graph (`RandomGraphs`), orients every edge from
/// the lower to the higher node index (a DAG), and maps it to operators:
/// - a node with no predecessor reads the stage input and strides 2;
/// - a node is an aggregation of its inputs — when it has more than one, a weighted
///   `Sum` holding one learnable weight per input (the paper's sigmoid-positive
///   weights) — then `Relu`, a separable 3×3 convolution (depthwise `Conv`,
///   `group` = input channels, then a pointwise 1×1 `Conv`) and `BatchNormalization`;
/// - the nodes with no successor are averaged (`Mean`; the paper's output node) into
///   the stage output, or passed on directly when there is only one.
/// Stages draw from one `SeededGenerator` in order, so a seed fixes the whole network.
/// - Complexity: O(N²) per stage (dominated by Erdős–Rényi sampling).
enum RandWire {
    typealias T = GraphBuilder.Tensor

    /// Builds the network; `nodes >= model.minimumNodes` is the caller's to check.
    static func build(
        name: String, model: RandomGraphs.Model, nodes: Int, channels: Int = 78, seed: UInt64, batch: Int,
        elementBytes: Int = 4
    ) -> OpGraph {
        var rng = SeededGenerator(seed: seed)
        var b = GraphBuilder(name: name, elementBytes: elementBytes)
        var x = b.input("input", shape: [batch, 3, 224, 224])
        x = b.conv(x, "conv1", out: channels / 2, kernel: 3, stride: 2, pad: 1)
        x = b.batchNorm(x, "conv1.bn")
        x = b.relu(x, "conv2.relu")
        x = b.conv(x, "conv2", out: channels, kernel: 3, stride: 2, pad: 1)
        x = b.batchNorm(x, "conv2.bn")
        for (i, width) in [channels, 2 * channels, 4 * channels].enumerated() {
            let edges = RandomGraphs.sample(model, nodes: nodes, using: &rng)
            x = stage(&b, x, "conv\(i + 3)", nodes: nodes, edges: edges, channels: width)
        }
        x = b.relu(x, "classifier.relu1")
        x = b.conv(x, "classifier.conv", out: 1280, kernel: 1)
        x = b.batchNorm(x, "classifier.bn")
        x = b.relu(x, "classifier.relu2")
        x = b.globalAvgPool(x, "classifier.avgpool")
        x = b.flatten(x, "classifier.flatten")
        x = b.linear(x, out: 1000, "classifier.fc")
        b.output("logits", x)
        return b.finish()
    }

    /// One random-graph stage; node `v`'s operators are named `prefix.node<v>.*`.
    static func stage(
        _ b: inout GraphBuilder, _ input: T, _ p: String, nodes n: Int, edges: [RandomGraphs.Edge], channels: Int
    ) -> T {
        var predecessors = [[Int]](repeating: [], count: n)
        var hasSuccessor = [Bool](repeating: false, count: n)
        for e in edges {
            predecessors[e.b].append(e.a)
            hasSuccessor[e.a] = true
        }
        var outputs: [T] = []
        for v in 0..<n {
            let sources = predecessors[v].isEmpty ? [input] : predecessors[v].sorted().map { outputs[$0] }
            outputs.append(node(&b, sources, "\(p).node\(v)", channels: channels, stride: predecessors[v].isEmpty ? 2 : 1))
        }
        let sinks = (0..<n).filter { !hasSuccessor[$0] }.map { outputs[$0] }
        return sinks.count == 1 ? sinks[0] : b.variadic("Mean", sinks, "\(p).output")
    }

    /// Aggregation, `Relu`, separable 3×3 convolution, `BatchNormalization`.
    static func node(_ b: inout GraphBuilder, _ sources: [T], _ p: String, channels: Int, stride: Int) -> T {
        var x = sources.count == 1 ? sources[0] : b.variadic("Sum", sources, "\(p).aggregate", params: sources.count)
        x = b.relu(x, "\(p).relu")
        x = b.conv(x, "\(p).depthwise", out: x.shape[1], kernel: 3, stride: stride, pad: 1, group: x.shape[1])
        x = b.conv(x, "\(p).pointwise", out: channels, kernel: 1)
        return b.batchNorm(x, "\(p).bn")
    }
}
