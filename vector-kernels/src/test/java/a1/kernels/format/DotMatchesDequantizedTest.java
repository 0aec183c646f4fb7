package a1.kernels.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.spec.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fused quantized dot equals the double-precision dot of the dequantized weights with the rounded activations. */
class DotMatchesDequantizedTest {
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q4_K", "Q5_K", "Q6_K"})
    void scalarAndFastDotsMatchTheDequantizedDot(GgmlType type) {
        Random rnd = new Random(type.ordinal());
        WeightFormat f = Formats.of(type);
        int cols = 768, rows = 5, n = 3;
        MemorySegment w = RandomRows.weights(type, rows, cols, 0, false, rnd);
        Activations a = new Activations();
        a.set(f.activation(), RandomRows.activations(n, cols, false, rnd), 0, n, cols);
        float[] deq = new float[cols];
        for (int r = 0; r < rows; r++) {
            long off = r * type.byteSize(cols);
            f.dequantize(w, off, cols, deq, 0);
            for (int t = 0; t < n; t++) {
                double exact = 0, magnitude = 0;
                for (int i = 0; i < cols; i++) {
                    exact += (double) deq[i] * a.value(t, i);
                    magnitude += Math.abs((double) deq[i] * a.value(t, i));
                }
                if (type == GgmlType.Q4_1) exact += q8_1SumRounding(w, off, cols, a, t);
                // Where a weight is scale*q + offset, rounding error scales with both parts, not their sum.
                double tol = 2e-6 * (magnitude + 2 * offsets(type, w, off, cols, a, t));
                assertEquals(exact, f.dotScalar(w, off, a, t), tol, type + " row " + r + " token " + t + " (scalar)");
                assertEquals(exact, f.dot(w, off, a, t), tol, type + " row " + r + " token " + t);
            }
        }
    }

    /** Sum of |offset| * |activation| for formats whose weights are scale*q + offset (rounding scales with both parts). */
    private static double offsets(GgmlType type, MemorySegment w, long off, int cols, Activations a, int t) {
        double m = 0;
        for (int i = 0; i < cols; i++) {
            long p = off + (long) (i / type.blockSize()) * type.blockBytes();
            double o = switch (type) {
                case Q4_1 -> Le.half(w, p + 2);
                case Q4_K, Q5_K -> Le.half(w, p + 2) * KScales.get(KScales.mins(KScales.low(w, p + 4), KScales.high(w, p + 4)), (i % 256) / 32);
                default -> 0;
            };
            m += Math.abs(o * a.value(t, i));
        }
        return m;
    }

    /** Q8_1 carries each block's d*sum(q) rounded to F16, and ggml multiplies the Q4_1 minimum by that rounded sum. */
    private static double q8_1SumRounding(MemorySegment w, long off, int cols, Activations a, int t) {
        double c = 0;
        for (int b = 0; b < cols / 32; b++) {
            double exactSum = 0;
            for (int j = 0; j < 32; j++) exactSum += a.value(t, b * 32 + j);
            c += Le.half(w, off + 20L * b + 2) * (a.sum(t, b) - exactSum);
        }
        return c;
    }
}
