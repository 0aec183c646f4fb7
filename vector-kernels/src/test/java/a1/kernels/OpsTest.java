package a1.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Ops against straightforward double-precision formulas of the same math. */
class OpsTest {
    private final Random rnd = new Random(42);

    private float[] gaussian(int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextGaussian() * scale);
        return x;
    }

    @Test
    void rmsNormScalesByTheInverseRootMeanSquareThenByTheWeight() {
        int n = 67;
        float[] x = gaussian(n + 3, 2), w = gaussian(n, 1), out = new float[n + 1];
        Ops.rmsNorm(out, 1, x, 3, w, n, 1e-5f);
        double ss = 0;
        for (int i = 0; i < n; i++) ss += (double) x[3 + i] * x[3 + i];
        double scale = 1 / Math.sqrt(ss / n + 1e-5);
        for (int i = 0; i < n; i++) assertEquals(x[3 + i] * scale * w[i], out[1 + i], 1e-6 * Math.abs(x[3 + i] * scale * w[i]) + 1e-7);
        assertEquals(0f, out[0]);
    }

    @Test
    void ropeNormalRotatesAdjacentPairsAndLeavesUnrotatedDims() {
        int heads = 3, headDim = 12, nRot = 8, pos = 37;
        float base = 10000f, freqScale = 0.5f;
        float[] x = gaussian(2 + heads * headDim, 1), orig = x.clone();
        Ops.ropeNormal(x, 2, heads, headDim, nRot, pos, base, freqScale);
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < nRot / 2; i++) {
                double theta = freqScale * pos * Math.pow(base, -2.0 * i / nRot);
                int a = 2 + h * headDim + 2 * i;
                assertRotated(orig[a], orig[a + 1], x[a], x[a + 1], theta);
            }
            for (int i = nRot; i < headDim; i++) assertEquals(orig[2 + h * headDim + i], x[2 + h * headDim + i]);
        }
        assertEquals(orig[0], x[0]);
    }

    @Test
    void ropeNeoxRotatesHalvesAgainstEachOther() {
        int heads = 2, headDim = 16, nRot = 16, pos = 5;
        float[] x = gaussian(heads * headDim, 1), orig = x.clone();
        Ops.ropeNeox(x, 0, heads, headDim, nRot, pos, 500000f, 1f);
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < nRot / 2; i++) {
                double theta = pos * Math.pow(500000, -2.0 * i / nRot);
                int a = h * headDim + i, b = a + nRot / 2;
                assertRotated(orig[a], orig[b], x[a], x[b], theta);
            }
        }
    }

    private static void assertRotated(float x0, float x1, float y0, float y1, double theta) {
        // ggml builds theta by repeated float products, so allow the angle a few float ulps of drift.
        double tol = 2e-6 * Math.max(1, Math.abs(theta)) * (Math.abs(x0) + Math.abs(x1)) + 1e-6;
        assertEquals(x0 * Math.cos(theta) - x1 * Math.sin(theta), y0, tol);
        assertEquals(x0 * Math.sin(theta) + x1 * Math.cos(theta), y1, tol);
    }

    @Test
    void ropeAtPositionZeroIsTheIdentity() {
        float[] x = gaussian(64, 1), orig = x.clone();
        Ops.ropeNormal(x, 0, 4, 16, 16, 0, 10000f, 1f);
        for (int i = 0; i < 64; i++) assertEquals(orig[i], x[i]);
    }

    @Test
    void softmaxMatchesTheDoubleFormulaAndSumsToOne() {
        float[] x = gaussian(40, 3), orig = x.clone();
        float scale = 0.125f;
        Ops.softmax(x, 3, 30, scale);
        double max = Double.NEGATIVE_INFINITY, sum = 0, total = 0;
        for (int i = 3; i < 33; i++) max = Math.max(max, orig[i] * scale);
        for (int i = 3; i < 33; i++) sum += Math.exp(orig[i] * scale - max);
        for (int i = 3; i < 33; i++) {
            assertEquals(Math.exp(orig[i] * scale - max) / sum, x[i], 1e-6);
            total += x[i];
        }
        assertEquals(1.0, total, 1e-5);
        assertEquals(orig[0], x[0]);
        assertEquals(orig[33], x[33]);
    }

    @Test
    void siluAndSwiglu() {
        float[] up = gaussian(35, 1);
        float[] orig = gaussian(33, 4);
        float[] a = orig.clone(), b = orig.clone();
        Ops.silu(a, 0, 33);
        Ops.swiglu(b, 0, up, 2, 33);
        for (int i = 0; i < 33; i++) {
            double silu = orig[i] / (1 + Math.exp(-orig[i]));
            assertEquals(silu, a[i], 1e-6 * Math.abs(silu) + 1e-7);
            assertEquals(silu * up[2 + i], b[i], 1e-6 * Math.abs(silu * up[2 + i]) + 1e-7);
        }
    }

    @Test
    void outOfRangeArgumentsAreRejected() {
        float[] x = new float[8];
        assertThrows(IndexOutOfBoundsException.class, () -> Ops.rmsNorm(x, 0, x, 1, x, 8, 1e-5f));
        assertThrows(IllegalArgumentException.class, () -> Ops.ropeNormal(x, 0, 1, 8, 7, 0, 1e4f, 1f));
        assertThrows(IllegalArgumentException.class, () -> Ops.ropeNeox(x, 0, 1, 8, 10, 0, 1e4f, 1f));
        assertThrows(IndexOutOfBoundsException.class, () -> Ops.ropeNormal(x, 1, 1, 8, 8, 0, 1e4f, 1f));
        assertThrows(IndexOutOfBoundsException.class, () -> Ops.softmax(x, 4, 5, 1f));
        assertThrows(IndexOutOfBoundsException.class, () -> Ops.add(x, 0, new float[3], 0, 4));
    }
}
