package a1.kernels.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The llama.cpp-order float dots: the SIMD loops equal their scalar references bit for bit at the width this JVM
 * runs (the build reruns the format tests at every width), on unaligned rows whose lengths exercise every kind of
 * leftover (none, fused only, 8 rounded, runs of 16 rounded).
 */
class FloatDotsSimdTest {
    private static final int[] LENGTHS = {16, 32, 64, 100, 128, 172, 200, 256, 768, 768 + 44, 1000};

    @Test
    void vecDotEqualsItsScalarReference() {
        Random rnd = new Random(5);
        for (boolean half : new boolean[] {false, true}) {
            for (int n : LENGTHS) {
                MemorySegment w = row(n, half, 3, rnd);
                float[] x = activations(n + 7, half, rnd);
                assertEquals(FloatDots.vecDotScalar(w, 3, half, x, 7, n), FloatDots.vecDot(w, 3, half, x, 7, n), (half ? "F16" : "F32") + " n " + n);
            }
        }
    }

    @Test
    void gemmEqualsItsScalarReference() {
        Random rnd = new Random(6);
        for (boolean half : new boolean[] {false, true}) {
            for (int n : LENGTHS) {
                if (n % 16 != 0) continue;
                MemorySegment w = row(n, half, 5, rnd);
                float[] x = activations(n + 1, half, rnd);
                assertEquals(FloatDots.gemmScalar(w, 5, half, x, 1, n), FloatDots.gemm(w, 5, half, x, 1, n), (half ? "F16" : "F32") + " n " + n);
            }
        }
    }

    /** The orders differ from a plain sum, and from each other, so the tests above would see a wrong order. */
    @Test
    void theThreeOrdersGiveDifferentRoundings() {
        Random rnd = new Random(9);
        int n = 768, differVec = 0, differGemm = 0;
        for (int trial = 0; trial < 20; trial++) {
            MemorySegment w = row(n, false, 0, rnd);
            float[] x = activations(n, false, rnd);
            float plain = 0;
            for (int i = 0; i < n; i++) plain += w.get(Le.FLOAT, 4L * i) * x[i];
            float vec = FloatDots.vecDotScalar(w, 0, false, x, 0, n), gemm = FloatDots.gemmScalar(w, 0, false, x, 0, n);
            if (vec != plain) differVec++;
            if (gemm != vec) differGemm++;
        }
        assertEquals(true, differVec > 10 && differGemm > 10, differVec + " " + differGemm);
    }

    private static MemorySegment row(int n, boolean half, int shift, Random rnd) {
        MemorySegment w = Arena.ofAuto().allocate(shift + (half ? 2L : 4L) * n);
        for (int i = 0; i < n; i++) {
            float v = (float) rnd.nextGaussian();
            if (half) w.set(Le.SHORT, shift + 2L * i, Float.floatToFloat16(v));
            else w.set(Le.FLOAT, shift + 4L * i, v);
        }
        return w;
    }

    private static float[] activations(int n, boolean half, Random rnd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            float v = (float) rnd.nextGaussian();
            x[i] = half ? Float.float16ToFloat(Float.floatToFloat16(v)) : v;
        }
        return x;
    }
}
