/// BERT-base, uncased (Devlin, Chang, Lee, Toutanova 2019, "BERT: Pre-training of Deep
/// Bidirectional Transformers for Language Understanding"): 12 layers, hidden 768,
/// 12 heads, feed-forward 3072, vocabulary 30,522, 512 positions, 2 token types, with
/// the pooler; node names follow Hugging Face's `BertModel`.
///
/// Embeddings are three `Gather`s (word, token type, and position ids, a constant),
/// summed and layer-normalised. The padding mask is turned once into an additive
/// `[B, 1, 1, S]` tensor (`Reshape`, `Sub`, `Mul`) that every layer's scores `Add`.
/// Each layer: Q, K, V projections (`MatMul` + bias `Add`), attention (see
/// `GraphBuilder.attention`), output projection, residual `Add`, `LayerNormalization`,
/// feed-forward with `Gelu`, residual `Add`, `LayerNormalization`.
/// Published size: 109,482,240 parameters (the `bert-base-uncased` checkpoint:
/// embeddings 23,837,184 + 12 × 7,087,872 per layer + pooler 590,592).
/// - Complexity: O(layers) to build.
enum BERT {
    static let layers = 12, hidden = 768, heads = 12, inner = 3072
    static let vocabulary = 30_522, positions = 512, tokenTypes = 2

    static func buildBase(batch: Int, sequence: Int, elementBytes: Int = 4) -> OpGraph {
        var b = GraphBuilder(name: "bert-base", elementBytes: elementBytes)
        let ids = b.input("input_ids", shape: [batch, sequence], bytesPerElement: 8)
        let types = b.input("token_type_ids", shape: [batch, sequence], bytesPerElement: 8)
        let padding = b.input("attention_mask", shape: [batch, sequence], bytesPerElement: 8)
        var x = embeddings(&b, ids: ids, types: types)
        var mask = b.reshape(padding, [batch, 1, 1, sequence], "extended_mask.unsqueeze")
        mask = b.unary("Sub", mask, "extended_mask.invert")
        mask = b.unary("Mul", mask, "extended_mask.scale")
        for i in 0..<layers {
            x = layer(&b, x, mask: mask, "encoder.layer.\(i)")
        }
        b.output("last_hidden_state", x)
        var pooled = b.select(x, axis: 1, "pooler.first_token")
        pooled = b.linear(pooled, out: hidden, "pooler.dense")
        pooled = b.unary("Tanh", pooled, "pooler.activation")
        b.output("pooler_output", pooled)
        return b.finish()
    }

    static func embeddings(_ b: inout GraphBuilder, ids: GraphBuilder.Tensor, types: GraphBuilder.Tensor)
        -> GraphBuilder.Tensor
    {
        let words = b.embedding(ids, rows: vocabulary, dim: hidden, "embeddings.word_embeddings")
        let typed = b.embedding(types, rows: tokenTypes, dim: hidden, "embeddings.token_type_embeddings")
        var x = b.binary("Add", words, typed, "embeddings.add_token_type")
        let positionIDs = b.constant(shape: [1, ids.shape[1]])
        let placed = b.embedding(positionIDs, rows: positions, dim: hidden, "embeddings.position_embeddings")
        x = b.binary("Add", x, placed, "embeddings.add_position")
        return b.layerNorm(x, "embeddings.LayerNorm")
    }

    static func layer(_ b: inout GraphBuilder, _ x: GraphBuilder.Tensor, mask: GraphBuilder.Tensor, _ p: String)
        -> GraphBuilder.Tensor
    {
        let q = b.linear(x, out: hidden, "\(p).attention.self.query")
        let k = b.linear(x, out: hidden, "\(p).attention.self.key")
        let v = b.linear(x, out: hidden, "\(p).attention.self.value")
        let context = b.attention(q: q, k: k, v: v, heads: heads, mask: .additive(mask), "\(p).attention.self")
        var y = b.linear(context, out: hidden, "\(p).attention.output.dense")
        y = b.binary("Add", y, x, "\(p).attention.output.residual")
        let attended = b.layerNorm(y, "\(p).attention.output.LayerNorm")
        y = b.feedForward(attended, inner: inner, up: "\(p).intermediate.dense", down: "\(p).output.dense")
        y = b.binary("Add", y, attended, "\(p).output.residual")
        return b.layerNorm(y, "\(p).output.LayerNorm")
    }
}
