package a1.kernels.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import jdk.incubator.vector.ShortVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every SIMD kernel against its scalar reference, at the width this JVM was started with (the build reruns this
 * class with a1.simd = 512, 256, 128 and off). Weights start at odd byte offsets; float rows have odd lengths so
 * the scalar tails run.
 */
class KernelSimdTest {
    @Test
    void theForcedWidthIsTheOneInUse() {
        String forced = System.getProperty("a1.simd", "");
        if (forced.equals("off")) assertEquals(0, Simd.BITS);
        else if (!forced.isEmpty()) assertEquals(Integer.parseInt(forced), Simd.BITS);
        if (Simd.ENABLED) assertEquals(Simd.BITS, Simd.F.vectorBitSize());
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q4_K", "Q5_K", "Q6_K"})
    void integerDotsAreExactlyEqual(GgmlType type) {
        compare(type, true, 0.0);
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q4_K", "Q5_K", "Q6_K"})
    void scaledDotsAgreeToFloatRounding(GgmlType type) {
        // Every kernel follows llama.cpp's order in SIMD and scalar alike, so they match bit for bit.
        compare(type, false, 0.0);
    }

    private static void compare(GgmlType type, boolean integer, double relTol) {
        Random rnd = new Random(31L * type.ordinal() + (integer ? 1 : 0));
        WeightFormat f = Formats.of(type);
        int[] colChoices = type.blockSize() == 1 ? new int[] {1, 7, 33, 256 + 31} : new int[] {type.blockSize(), 3 * type.blockSize(), 5 * 256};
        for (int cols : colChoices) {
            int shift = 1 + rnd.nextInt(15);
            int rows = 3, n = 2;
            MemorySegment w = RandomRows.weights(type, rows, cols, shift, integer, rnd);
            float[] x = RandomRows.activations(n, cols, integer, rnd);
            Activations a = new Activations();
            a.set(f.activation(), x, 0, n, cols);
            for (int r = 0; r < rows; r++) {
                long off = shift + r * type.byteSize(cols);
                for (int t = 0; t < n; t++) {
                    float ref = f.dotScalar(w, off, a, t);
                    float fast = f.dot(w, off, a, t);
                    double tol = relTol * magnitude(f, w, off, cols, a, t);
                    assertEquals(ref, fast, tol, type + " cols " + cols + " row " + r + " token " + t + " at width " + Simd.BITS);
                }
            }
        }
    }

    /** Repacked Q4_0's dot takes exact block sums from vectors: they equal the scalar sums. */
    @Test
    void repackedQ4_0BlockSumsEqualTheScalarOnes() {
        Random rnd = new Random(12);
        int cols = 5 * 32, shift = 7;
        MemorySegment w = RandomRows.weights(GgmlType.Q4_0, 1, cols, shift, false, rnd);
        Activations a = new Activations();
        a.set(ActivationType.Q8_0, RandomRows.activations(1, cols, false, rnd), 0, 1, cols);
        for (int b = 0; b < cols / 32; b++) {
            long p = shift + (long) b * 18;
            int expected = Q4_0.blockSumScalar(w, p, a.quants, 32 * b);
            assertEquals(expected, Simd.ENABLED ? Q4_0.blockSum(w, p, a.quants, 32 * b) : expected, "block " + b);
        }
    }

    /** Sum of |w_i * a_i|, scaled up for offset formats (see DotMatchesDequantizedTest). */
    private static double magnitude(WeightFormat f, MemorySegment w, long off, int cols, Activations a, int t) {
        float[] deq = new float[cols];
        f.dequantize(w, off, cols, deq, 0);
        double m = 0, maxW = 0;
        for (int i = 0; i < cols; i++) {
            m += Math.abs((double) deq[i] * a.value(t, i));
            maxW = Math.max(maxW, Math.abs(deq[i]));
        }
        if (f.activation() == ActivationType.Q8_1 || f.activation() == ActivationType.Q8_K) {
            double as = 0;
            for (int i = 0; i < cols; i++) as += Math.abs(a.value(t, i));
            m += maxW * as;
        }
        return m;
    }

    @Test
    void vectorAddMatchesTheScalarLoopWithTails() {
        Random rnd = new Random(7);
        for (int n : new int[] {0, 1, 5, 16, 17, 63, 64, 100}) {
            float[] a = new float[n + 3], b = new float[n + 5];
            for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian();
            for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextGaussian();
            float[] sum = b.clone();
            VectorOps.add(sum, 5, a, 3, n);
            for (int i = 0; i < n; i++) assertEquals(b[i + 5] + a[i + 3], sum[i + 5]);
            for (int i = 0; i < 5; i++) assertEquals(b[i], sum[i]); // nothing written before the offset
        }
    }

    @Test
    void halfConversionIsExactForEveryPattern() {
        MemorySegment all = MemorySegment.ofArray(new short[65536]);
        for (int i = 0; i < 65536; i++) all.setAtIndex(Le.SHORT, i, (short) i);
        float[] vector = new float[65536], loop = new float[65536 + 3];
        for (int i = 0; i < 65536; i += Simd.S.length()) {
            Simd.halfToFloat(ShortVector.fromMemorySegment(Simd.S, all, 2L * i, Le.ORDER)).intoArray(vector, i);
        }
        Simd.halvesToFloats(all, 0, 65536, loop, 3);
        for (int i = 0; i < 65536; i++) {
            float expected = Float.float16ToFloat((short) i);
            for (float got : new float[] {vector[i], loop[i + 3]}) {
                if (Float.isNaN(expected)) assertTrue(Float.isNaN(got), "pattern " + i);
                else assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(got), "pattern " + i);
            }
        }
    }
}
