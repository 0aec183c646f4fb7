package a1.peer.forward;

import a1.kernels.GgmlLanes;
import a1.kernels.JitWarmUp;
import a1.kernels.MatMul;
import a1.kernels.Ops;
import a1.kernels.Parallel;
import a1.peer.kv.KvCache;
import a1.peer.kv.KvType;
import a1.peer.model.LayerWeights;
import a1.peer.model.LlamaConfig;
import a1.peer.model.ModelWeights;
import a1.spec.model.LayerRange;

/**
 * Runs a contiguous range of transformer blocks over a batch of activations, in place. This is the unit a peer
 * serves: input activations in, output activations out, with the range's KV cache passed in by the caller.
 * Scratch buffers grow to the largest batch seen and are reused; nothing is allocated per layer or per token.
 */
public final class LayerStack {
    /** Queries a head's attention takes at once (see {@link GgmlLanes#gemmDotRows}). */
    private static final int QUERIES = 4;
    private final LlamaConfig c;
    private final ModelWeights weights;
    private final Parallel pool;
    private final MatMul matMul;
    private final float attnScale;
    private int batch;
    private float[] xb, q, k, v, att, proj, gate, up;
    private float[][] scores;
    private float[][] lanes;

    public LayerStack(ModelWeights weights, Parallel pool) {
        this.c = weights.config();
        this.weights = weights;
        this.pool = pool;
        this.matMul = new MatMul(pool);
        this.attnScale = (float) (1.0 / Math.sqrt(c.headDim()));
        JitWarmUp.oneToken(weights.layers().stream().flatMap(l -> l.matrices().stream()).toList());
    }

    public LayerRange range() {
        return weights.range();
    }

    public LlamaConfig config() {
        return c;
    }

    /**
     * Runs this range's layers over {@code n} activation vectors (row-major {@code n * dim}) at positions
     * {@code startPos .. startPos+n-1}, appending their keys and values to {@code kv}.
     */
    public void forward(float[] x, int n, int startPos, KvCache kv) {
        forward(x, n, startPos, kv, true);
    }

    /**
     * Like {@link #forward}, for a caller that reads only the last of the {@code n} vectors afterwards, as a local
     * session computing the next token's logits does. If this range ends at the model's last layer, that layer's
     * FFN then runs on the last vector only (as in llama.cpp, which drops the other tokens after the final
     * attention); the other vectors are left as the attention made them. Their keys and values are cached either way.
     */
    public void forwardLast(float[] x, int n, int startPos, KvCache kv) {
        forward(x, n, startPos, kv, false);
    }

    private void forward(float[] x, int n, int startPos, KvCache kv, boolean allOutputs) {
        if (!kv.layers().equals(range())) throw new IllegalArgumentException("KV cache is for layers " + kv.layers() + ", not " + range());
        if (x.length < n * c.dim()) throw new IllegalArgumentException("activations hold " + x.length / c.dim() + " vectors, not " + n);
        kv.checkAppend(startPos, n);
        ensureScratch(n, kv.capacity());
        int dim = c.dim();
        for (int i = 0; i < weights.layers().size(); i++) {
            int layer = range().start() + i;
            LayerWeights w = weights.layers().get(i);
            for (int t = 0; t < n; t++) Ops.rmsNorm(xb, t * dim, x, t * dim, w.attnNorm(), dim, c.rmsEps());
            matMul.apply(w.wq(), xb, n, q);
            matMul.apply(w.wk(), xb, n, k);
            matMul.apply(w.wv(), xb, n, v);
            for (int t = 0; t < n; t++) {
                rope(q, t * c.qDim(), c.heads(), startPos + t);
                rope(k, t * c.kvDim(), c.kvHeads(), startPos + t);
                kv.store(layer, startPos + t, k, t * c.kvDim(), v, t * c.kvDim());
            }
            attention(layer, n, startPos, kv);
            matMul.apply(w.wo(), att, n, proj);
            Ops.add(x, 0, proj, 0, n * dim);

            if (layer == c.layers() - 1 && n > 1) {
                // llama.cpp keeps only the last token after the final attention, so its last FFN runs on one token
                // (one-token kernels, another summation order): the token whose logits are read goes alone.
                if (allOutputs) ffn(w, x, 0, n - 1);
                ffn(w, x, n - 1, 1);
            } else {
                ffn(w, x, 0, n);
            }
        }
        kv.commit(n);
    }

    /** x[from .. from+n) += FFN(rmsNorm(x)). */
    private void ffn(LayerWeights w, float[] x, int from, int n) {
        int dim = c.dim();
        for (int t = 0; t < n; t++) Ops.rmsNorm(xb, t * dim, x, (from + t) * dim, w.ffnNorm(), dim, c.rmsEps());
        matMul.apply(w.gate(), xb, n, gate);
        matMul.apply(w.up(), xb, n, up);
        for (int t = 0; t < n; t++) Ops.swiglu(gate, t * c.ffnDim(), up, t * c.ffnDim(), c.ffnDim());
        matMul.apply(w.down(), gate, 0, n, proj, 0);
        Ops.add(x, from * dim, proj, 0, n * dim);
    }

    private void rope(float[] vec, int off, int heads, int pos) {
        if (c.ropeNeox()) Ops.ropeNeox(vec, off, heads, c.headDim(), c.ropeDims(), pos, c.ropeBase(), c.ropeFreqScale());
        else Ops.ropeNormal(vec, off, heads, c.headDim(), c.ropeDims(), pos, c.ropeBase(), c.ropeFreqScale());
    }

    /**
     * Causal grouped-query attention, one head per task. With an F16 cache ggml rounds the query to F16 for the
     * dot with the keys, and the softmax weights to F16 for the sum over the values; so do we. The dots follow the
     * summation order of the ggml kernel llama.cpp picks for the same shapes: a batch goes through llamafile's
     * tinyBLAS where the length allows (and, with an F32 cache, only for the values, since the query is then not
     * contiguous), a single token through ggml_vec_dot. llama.cpp pads the cached length to a multiple of 32.
     */
    private void attention(int layer, int n, int startPos, KvCache kv) {
        float[] keys = kv.keys(layer);
        float[] values = kv.values(layer);
        boolean f16 = kv.type() == KvType.F16;
        boolean batch = n >= 2;
        boolean gemmKeys = batch && f16 && c.headDim() % GgmlLanes.LANES == 0;
        int hd = c.headDim();
        if (f16) for (int i = 0; i < n * c.qDim(); i++) q[i] = kv.round(q[i]);
        int cap = kv.capacity(), vb = kv.valueBlock();
        pool.forRange(c.heads(), (from, to) -> {
            for (int h = from; h < to; h++) {
                float[] s = scores[h];
                float[] acc = lanes[h];
                int kvOff = kv.headOffset(h / c.groupSize());
                // Queries in fours: the key tiles load each key once for the four (their score rows are cap apart).
                for (int t0 = 0; t0 < n; t0 += QUERIES) {
                    int nt = Math.min(QUERIES, n - t0);
                    if (gemmKeys) GgmlLanes.gemmDotRows(keys, kvOff, hd, startPos + t0 + nt, q, t0 * c.qDim() + h * hd, c.qDim(), nt, hd, s, 0, cap, acc);
                    for (int j = 0; j < nt; j++) {
                        int t = t0 + j, len = startPos + t + 1, qOff = t * c.qDim() + h * hd, so = j * cap;
                        if (!gemmKeys) for (int p = 0; p < len; p++) {
                            s[so + p] = f16 ? GgmlLanes.vecDot(keys, kvOff + p * hd, 1, q, qOff, hd, hd, acc)
                                    : GgmlLanes.vecDotF32(keys, kvOff + p * hd, 1, q, qOff, hd, hd, acc);
                        }
                        Ops.softmax(s, so, len, attnScale);
                        if (f16) for (int p = so; p < so + len; p++) s[p] = kv.round(s[p]);
                    }
                    // Block by block, so that the four queries read a value block while it is in the L1.
                    for (int d = 0; d < hd; d += vb) {
                        int block = kvOff + kv.valueRow(d, 0);
                        for (int j = 0; j < nt; j++) {
                            int t = t0 + j, len = startPos + t + 1, qOff = t * c.qDim() + h * hd + d, so = j * cap;
                            int padded = (len + 31) & ~31;
                            if (batch) GgmlLanes.gemmDotColumns(values, block, vb, s, so, len, vb, att, qOff, acc);
                            else if (f16) GgmlLanes.vecDotColumns(values, block, vb, s, so, len, padded, vb, att, qOff, acc);
                            else for (int i = 0; i < vb; i++) att[qOff + i] = GgmlLanes.vecDotF32(values, block + i, vb, s, so, len, padded, acc);
                        }
                    }
                }
            }
        });
    }

    private void ensureScratch(int n, int capacity) {
        if (scores == null || scores[0].length < QUERIES * capacity) scores = new float[c.heads()][QUERIES * capacity];
        if (lanes == null) lanes = new float[c.heads()][];
        for (int h = 0; h < c.heads(); h++) if (lanes[h] == null) lanes[h] = GgmlLanes.scratch();
        if (n <= batch) return;
        batch = n;
        xb = new float[n * c.dim()];
        q = new float[n * c.qDim()];
        k = new float[n * c.kvDim()];
        v = new float[n * c.kvDim()];
        att = new float[n * c.qDim()];
        proj = new float[n * c.dim()];
        gate = new float[n * c.ffnDim()];
        up = new float[n * c.ffnDim()];
    }
}
