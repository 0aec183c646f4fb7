package a1.kernels;

import a1.kernels.format.Activations;
import a1.kernels.format.Formats;
import a1.kernels.format.WeightFormat;
import java.util.function.IntFunction;

/** Runs a matrix through {@link MatMul} in batches of 1 to 9 tokens and checks every result against a per-row kernel. */
final class BatchChecks {
    /** Checks the result for token t and row r of a batch whose activations (as the row kernels see them) are {@code a}. */
    interface Reference {
        void check(Activations a, int t, int r, float actual, String where);
    }

    private BatchChecks() {}

    /** For n = 1..9: the n tokens {@code input.apply(n)} through {@code mm}, each result checked by {@code reference}. */
    static void upToNineTokens(MatMul mm, WeightMatrix w, IntFunction<float[]> input, Reference reference) {
        WeightFormat f = Formats.of(w.type());
        int rows = w.rows();
        for (int n = 1; n <= 9; n++) {
            float[] x = input.apply(n);
            float[] out = new float[n * rows];
            mm.apply(w, x, n, out);
            Activations a = new Activations();
            a.set(f.activation(), x, 0, n, w.cols());
            for (int t = 0; t < n; t++) {
                for (int r = 0; r < rows; r++) reference.check(a, t, r, out[t * rows + r], n + " tokens, token " + t + " row " + r);
            }
        }
    }
}
