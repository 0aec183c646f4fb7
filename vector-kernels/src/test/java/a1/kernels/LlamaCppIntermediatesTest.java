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
 * tensors: embedding lookup, RMS norm, norm weight, the Q/K/V projections (which exercise each model type's
 * activation rounding) and RoPE on Q and K.
 */
class LlamaCppIntermediatesTest {
    private static final int[] TOKENS = {1, 403, 407, 261, 378};

    @ParameterizedTest
    @ValueSource(strings = {"f32", "f16", "q8_0", "q4_0"})
    void layerZeroMatchesLlamaCppThroughQkvAndRope(String quant) throws IOException {
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

            int headDim = dim / heads;
            MatMul mm = new MatMul(pool);
            for (String name : new String[] {"Qcur-0", "Kcur-0", "Vcur-0"}) {
                WeightMatrix w = matrix(g, "blk.0.attn_" + name.substring(0, 1).toLowerCase() + ".weight");
                float[] y = new float[n * w.rows()];
                mm.apply(w, norm, n, y);
                check(EvalCallbackDump.read(dump, name, "MUL_MAT", 0), y, n, w.rows(), 1.5e-4);
                if (name.startsWith("V")) continue;
                int nh = w.rows() / headDim;
                for (int t = 0; t < n; t++) Ops.ropeNormal(y, t * w.rows(), nh, headDim, headDim, t, base, 1f);
                checkHeads(EvalCallbackDump.read(dump, name, "ROPE", 0), y, n, nh, headDim, 1.5e-4);
            }
        }
    }

    /** A [tokens][heads][headDim] tensor, printed with the first and last three heads of each token (all if <= 6). */
    private static void checkHeads(EvalCallbackDump d, float[] v, int tokens, int heads, int headDim, double tol) {
        int[] shown = heads <= 6 ? java.util.stream.IntStream.range(0, heads).toArray() : new int[] {0, 1, 2, heads - 3, heads - 2, heads - 1};
        List<double[]> rows = d.rows();
        assertEquals(tokens * shown.length, rows.size(), "printed rows");
        for (int t = 0; t < tokens; t++) {
            for (int k = 0; k < shown.length; k++) {
                double[] row = rows.get(t * shown.length + k);
                int off = (t * heads + shown[k]) * headDim;
                for (int c = 0; c < 3; c++) {
                    assertEquals(row[c], v[off + c], tol, "token " + t + " head " + shown[k] + " dim " + c);
                    assertEquals(row[3 + c], v[off + headDim - 3 + c], tol, "token " + t + " head " + shown[k] + " dim " + (headDim - 3 + c));
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
        // The dump's "sum" turns out to be the sum of the printed values (not of the tensor): a check of the parse.
        double printed = d.rows().stream().flatMapToDouble(java.util.Arrays::stream).sum();
        assertEquals(d.sum(), printed, 2e-3, "printed sum");
        for (int t = 0; t < tokens; t++) {
            double[] row = d.rows().get(t);
            for (int c = 0; c < 3; c++) {
                assertEquals(row[c], v[t * dim + c], tol, "token " + t + " col " + c);
                assertEquals(row[3 + c], v[t * dim + dim - 3 + c], tol, "token " + t + " col " + (dim - 3 + c));
            }
        }
    }
}
