/// Multi-head self-attention as the ONNX exporter writes a Hugging Face transformer
/// layer (Vaswani et al. 2017, "Attention Is All You Need"): per-head reshapes and
/// transposes, `MatMul` of queries and transposed keys, scaling by `Div`, the mask,
/// `Softmax`, `MatMul` with the values, and the heads merged back.
extension GraphBuilder {
    /// How attention scores are masked.
    enum AttentionMask {
        /// An additive padding mask `[B, 1, 1, S]` (BERT): an `Add` of that tensor.
        case additive(Tensor)
        /// A constant lower-triangular mask (GPT): a `Where` against a constant.
        case causal
    }

    /// Attention over queries, keys and values `[B, S, H]` already projected, with
    /// `heads` heads; returns the merged context `[B, S, H]` (before the output projection).
    mutating func attention(q: Tensor, k: Tensor, v: Tensor, heads: Int, mask: AttentionMask, _ p: String) -> Tensor {
        let (batch, seq, hidden) = (q.shape[0], q.shape[1], q.shape[2])
        precondition(hidden % heads == 0, "'\(p)': \(heads) heads do not divide \(hidden)")
        let split = [batch, seq, heads, hidden / heads]
        var qh = reshape(q, split, "\(p).query.reshape")
        qh = transpose(qh, [0, 2, 1, 3], "\(p).query.transpose")
        var kh = reshape(k, split, "\(p).key.reshape")
        kh = transpose(kh, [0, 2, 3, 1], "\(p).key.transpose")
        var vh = reshape(v, split, "\(p).value.reshape")
        vh = transpose(vh, [0, 2, 1, 3], "\(p).value.transpose")
        var scores = matMul(qh, kh, "\(p).scores")
        scores = unary("Div", scores, "\(p).scale")
        switch mask {
        case let .additive(m): scores = binary("Add", scores, m, "\(p).mask")
        case .causal: scores = unary("Where", scores, "\(p).mask")
        }
        let probs = softmax(scores, axis: 3, "\(p).softmax")
        var context = matMul(probs, vh, "\(p).context")
        context = transpose(context, [0, 2, 1, 3], "\(p).context.transpose")
        return reshape(context, [batch, seq, hidden], "\(p).context.reshape")
    }

    /// The position-wise feed-forward block: linear to `inner`, `Gelu`, linear back.
    mutating func feedForward(_ x: Tensor, inner: Int, up: String, down: String) -> Tensor {
        let hidden = x.shape[x.shape.count - 1]
        var y = linear(x, out: inner, up)
        y = unary("Gelu", y, "\(up).gelu")
        return linear(y, out: hidden, down)
    }
}
