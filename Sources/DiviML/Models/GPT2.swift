/// GPT-2 small, 124M (Radford et al. 2019, "Language Models are Unsupervised Multitask
/// Learners"): 12 pre-norm decoder layers, hidden 768, 12 heads, feed-forward 3072,
/// vocabulary 50,257, 1,024 positions; node names follow Hugging Face's
/// `GPT2LMHeadModel`. One forward pass over the whole sequence (prefill).
///
/// Each layer: `LayerNormalization`, the fused QKV projection `c_attn` (`MatMul` + bias)
/// cut by three `Slice`s, causal attention (`Where` against a constant triangle), the
/// projection `c_proj`, residual `Add`, `LayerNormalization`, feed-forward with `Gelu`,
/// residual `Add`. A final `LayerNormalization` and the language-model head (`MatMul`
/// to the vocabulary) follow.
///
/// Published size: 124,439,808 parameters, the token table counted once because the
/// head shares it. Here the head's `MatMul` is charged the table too (38,597,376
/// values), since whichever device runs it must hold a copy: the graph's `paramBytes`
/// is the published count plus one table.
/// - Complexity: O(layers) to build.
enum GPT2 {
    static let layers = 12, hidden = 768, heads = 12, inner = 3072
    static let vocabulary = 50_257, positions = 1024

    static func buildSmall(batch: Int, sequence: Int, elementBytes: Int = 4) -> OpGraph {
        var b = GraphBuilder(name: "gpt2", elementBytes: elementBytes)
        let ids = b.input("input_ids", shape: [batch, sequence], bytesPerElement: 8)
        let tokens = b.embedding(ids, rows: vocabulary, dim: hidden, "transformer.wte")
        let positionIDs = b.constant(shape: [1, sequence])
        let placed = b.embedding(positionIDs, rows: positions, dim: hidden, "transformer.wpe")
        var x = b.binary("Add", tokens, placed, "transformer.embed_add")
        for i in 0..<layers {
            x = block(&b, x, "transformer.h.\(i)")
        }
        x = b.layerNorm(x, "transformer.ln_f")
        x = b.linear(x, out: vocabulary, "lm_head", bias: false)
        b.output("logits", x)
        return b.finish()
    }

    static func block(_ b: inout GraphBuilder, _ x: GraphBuilder.Tensor, _ p: String) -> GraphBuilder.Tensor {
        var y = b.layerNorm(x, "\(p).ln_1")
        let qkv = b.linear(y, out: 3 * hidden, "\(p).attn.c_attn")
        let q = b.slice(qkv, axis: 2, 0..<hidden, "\(p).attn.query")
        let k = b.slice(qkv, axis: 2, hidden..<(2 * hidden), "\(p).attn.key")
        let v = b.slice(qkv, axis: 2, (2 * hidden)..<(3 * hidden), "\(p).attn.value")
        let context = b.attention(q: q, k: k, v: v, heads: heads, mask: .causal, "\(p).attn")
        y = b.linear(context, out: hidden, "\(p).attn.c_proj")
        let attended = b.binary("Add", y, x, "\(p).attn.residual")
        y = b.layerNorm(attended, "\(p).ln_2")
        y = b.feedForward(y, inner: inner, up: "\(p).mlp.c_fc", down: "\(p).mlp.c_proj")
        return b.binary("Add", y, attended, "\(p).mlp.residual")
    }
}
