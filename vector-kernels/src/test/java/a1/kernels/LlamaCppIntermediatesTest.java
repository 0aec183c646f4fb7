package a1.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.spec.gguf.GgufFile;
import a1.spec.gguf.GgufTensorInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The start of layer 0 for the 5-token prompt "Once upon a time", checked against llama.cpp's own dump of the same
 * tensors: embedding lookup, RMS norm, norm weight, the Q projection (which exercises each model type's activation
 * rounding) and RoPE.
 */
class LlamaCppIntermediatesTest {
    private static final int[] TOKENS = {1, 403, 407, 261, 378};

    @ParameterizedTest
    @ValueSource(strings = {"f32", "f16", "q8_0", "q4_0"})
    void layerZeroMatchesLlamaCppUpToRope(String quant) throws IOException {
        Path dump = SharedModels.shared().resolve("golden/intermediates-stories260K-" + quant + "-once-upon-a-time.txt");
        try (GgufFile g = GgufFile.open(SharedModels.model("stories260K-" + quant + ".gguf")); Parallel pool = new Parallel(2)) {
            int dim = g.metadata().getInt("llama.embedding_length");
            int heads = g.metadata().getInt("llama.attention.head_count");
            float eps = g.metadata().getFloat("llama.attention.layer_norm_rms_epsilon");
            float base = g.metadata().findFloat("llama.rope.freq_base").orElse(10000f);
            int n = TOKENS.length;

            WeightMatrix embd = matrix(g, "token_embd.weight");
            float[] x = new float[n * dim];
            for (int t = 0; t < n; t++) Dequant.row(embd, TOKENS[t], x, t * dim);
            check(EvalCallbackDump.read(dump, "inp_embd", "GET_ROWS", 0), x, n, dim, 1e-4);

            float[] ones = new float[dim];
            java.util.Arrays.fill(ones, 1f);
            float[] norm = new float[n * dim];
            for (int t = 0; t < n; t++) Ops.rmsNorm(norm, t * dim, x, t * dim, ones, dim, eps);
            check(EvalCallbackDump.read(dump, "norm-0", "RMS_NORM", 0), norm, n, dim, 1e-4);

            GgufTensorInfo nw = g.tensor("blk.0.attn_norm.weight");
            float[] weight = Dequant.toFloats(nw.type(), g.data(nw), dim);
            for (int t = 0; t < n; t++) Ops.rmsNorm(norm, t * dim, x, t * dim, weight, dim, eps);
            check(EvalCallbackDump.read(dump, "attn_norm-0", "MUL", 0), norm, n, dim, 1e-4);

            float[] q = new float[n * dim];
            new MatMul(pool).apply(matrix(g, "blk.0.attn_q.weight"), norm, n, q);
            check(EvalCallbackDump.read(dump, "Qcur-0", "MUL_MAT", 0), q, n, dim, 1.5e-4);

            int headDim = dim / heads;
            for (int t = 0; t < n; t++) Ops.ropeNormal(q, t * dim, heads, headDim, headDim, t, base, 1f);
            // Printed as [token][head][dim] with the first and last three heads of each token.
            List<double[]> rows = EvalCallbackDump.read(dump, "Qcur-0", "ROPE", 0).rows();
            int[] shownHeads = {0, 1, 2, heads - 3, heads - 2, heads - 1};
            for (int t = 0; t < n; t++) {
                for (int k = 0; k < 6; k++) {
                    double[] row = rows.get(t * 6 + k);
                    int off = t * dim + shownHeads[k] * headDim;
                    for (int c = 0; c < 3; c++) {
                        assertEquals(row[c], q[off + c], 1.5e-4, "rope token " + t + " head " + shownHeads[k] + " dim " + c);
                        assertEquals(row[3 + c], q[off + headDim - 3 + c], 1.5e-4, "rope token " + t + " head " + shownHeads[k] + " dim " + (headDim - 3 + c));
                    }
                }
            }
        }
    }

    private static WeightMatrix matrix(GgufFile g, String name) throws IOException {
        GgufTensorInfo t = g.tensor(name);
        return new WeightMatrix(t.type(), g.data(t), (int) t.dim(1), (int) t.dim(0));
    }

    /** A [tokens][dim] tensor: first and last three values of each token. */
    private static void check(EvalCallbackDump d, float[] v, int tokens, int dim, double tol) {
        for (int t = 0; t < tokens; t++) {
            double[] row = d.rows().get(t);
            for (int c = 0; c < 3; c++) {
                assertEquals(row[c], v[t * dim + c], tol, "token " + t + " col " + c);
                assertEquals(row[3 + c], v[t * dim + dim - 3 + c], tol, "token " + t + " col " + (dim - 3 + c));
            }
        }
    }
}
