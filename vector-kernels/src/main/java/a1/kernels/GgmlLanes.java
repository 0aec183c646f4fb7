package a1.kernels;

import a1.kernels.format.Simd;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * ggml's AVX-512 arithmetic, lane by lane, where its order of operations shows in the results. llama.cpp's
 * exponential is a polynomial (not libm's), and its sums run in 16 float lanes folded as a tree; attention rounds
 * its inputs to F16 on top, so a last-bit difference there flips an F16 rounding and moves logits by 1e-2.
 * Reproducing the order makes A1's logits equal llama.cpp's instead of merely close.
 */
public final class GgmlLanes {
    public static final int LANES = 16;
    private static final boolean SIMD = Simd.ENABLED && Simd.F.length() == LANES;
    private static final VectorSpecies<Float> F = Simd.F;

    private GgmlLanes() {}

    /** ggml_v_expf: exp by a degree-5 polynomial on the reduced argument, with fused multiply-adds, then scalef. */
    public static float exp(float x) {
        final float r = 0x1.8p23f;
        float z = Math.fma(x, 0x1.715476p+0f, r);
        float n = z - r;
        if (!(Math.abs(n) <= 192)) return n <= 0 ? 0f : Float.POSITIVE_INFINITY;
        float b = Math.fma(-n, 0x1.7f7d1cp-20f, Math.fma(-n, 0x1.62e4p-1f, x));
        float u = b * b;
        float j = Math.fma(Math.fma(Math.fma(0x1.0e4020p-7f, b, 0x1.573e2ep-5f), u, Math.fma(0x1.555e66p-3f, b, 0x1.fffdb6p-2f)),
                u, Math.fma(0x1.ffffecp-1f, b, 1.0f));
        return Math.scalb(j, (int) n);
    }

    /** _mm512_reduce_add_ps as GCC expands it: halves folded 8, 4, 2, 1 lanes apart. */
    public static float reduce(float[] lanes) {
        float t0 = lanes[0] + lanes[8], t1 = lanes[1] + lanes[9], t2 = lanes[2] + lanes[10], t3 = lanes[3] + lanes[11];
        float t4 = lanes[4] + lanes[12], t5 = lanes[5] + lanes[13], t6 = lanes[6] + lanes[14], t7 = lanes[7] + lanes[15];
        float s0 = t0 + t4, s1 = t1 + t5, s2 = t2 + t6, s3 = t3 + t7;
        return (s0 + s2) + (s1 + s3);
    }

    /** Scratch that the dots here fold their lanes in; one per thread. */
    public static float[] scratch() {
        return new float[4 * LANES * LANES];
    }

    /**
     * ggml_vec_dot_f16's order, for a single query row: four accumulators of 16 lanes over blocks of 64
     * ({@code padded} is llama.cpp's length, a multiple of 32 past {@code n}; entries from {@code n} on are zeros),
     * folded 2-to-1 then as a lane tree, and the entries after the last block added in double.
     */
    public static float vecDot(float[] x, int xOff, int xStride, float[] y, int yOff, int n, int padded, float[] acc) {
        int blocks = padded & ~(4 * LANES - 1);
        if (SIMD && xStride == 1 && n >= blocks) {
            // The four accumulators as four vectors: chunk k of 16 entries belongs to accumulator k % 4.
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            for (int i = 0; i < blocks; i += 4 * LANES) {
                a0 = FloatVector.fromArray(F, x, xOff + i).fma(FloatVector.fromArray(F, y, yOff + i), a0);
                a1 = FloatVector.fromArray(F, x, xOff + i + LANES).fma(FloatVector.fromArray(F, y, yOff + i + LANES), a1);
                a2 = FloatVector.fromArray(F, x, xOff + i + 2 * LANES).fma(FloatVector.fromArray(F, y, yOff + i + 2 * LANES), a2);
                a3 = FloatVector.fromArray(F, x, xOff + i + 3 * LANES).fma(FloatVector.fromArray(F, y, yOff + i + 3 * LANES), a3);
            }
            a0.add(a2).add(a1.add(a3)).intoArray(acc, 0);
            double sum = reduce(acc);
            for (int i = blocks; i < n; i++) sum += x[xOff + i] * y[yOff + i];
            return (float) sum;
        }
        return vecDotScalar(x, xOff, xStride, y, yOff, n, padded, acc);
    }

    static float vecDotScalar(float[] x, int xOff, int xStride, float[] y, int yOff, int n, int padded, float[] acc) {
        int blocks = padded & ~(4 * LANES - 1);
        java.util.Arrays.fill(acc, 0f);
        int simd = Math.min(blocks, n);
        for (int i = 0; i < simd; i++) acc[i & 63] = Math.fma(x[xOff + i * xStride], y[yOff + i], acc[i & 63]);
        for (int l = 0; l < LANES; l++) {
            acc[l] += acc[2 * LANES + l];
            acc[LANES + l] += acc[3 * LANES + l];
        }
        for (int l = 0; l < LANES; l++) acc[l] += acc[LANES + l];
        double sum = reduce(acc);
        for (int i = blocks; i < n; i++) sum += x[xOff + i * xStride] * y[yOff + i];
        return (float) sum;
    }

    /**
     * ggml_vec_dot_f32's order (an F32 KV cache): as {@link #vecDot}, but the entries after the last block are
     * summed in float as GCC compiled the loop: products rounded in runs of 16 and then of 8, the last under 8 fused.
     */
    public static float vecDotF32(float[] x, int xOff, int xStride, float[] y, int yOff, int n, int padded, float[] acc) {
        int blocks = padded & ~(4 * LANES - 1);
        float sum = vecDot(x, xOff, xStride, y, yOff, Math.min(n, blocks), blocks, acc);
        int rest = padded - blocks;
        int end = Math.min(n, blocks + (rest & ~(LANES - 1)) + ((rest & (LANES - 1)) >= 8 ? 8 : 0));
        int i = blocks;
        for (; i < end; i++) sum += x[xOff + i * xStride] * y[yOff + i];
        for (; i < n; i++) sum = Math.fma(x[xOff + i * xStride], y[yOff + i], sum);
        return sum;
    }

    /**
     * llamafile's tinyBLAS order, for batches: one accumulator of 16 lanes over the whole length, then the lane tree.
     * A contiguous row whose length is a multiple of 16 runs as one vector chain: the same fused multiply-adds.
     */
    public static float gemmDot(float[] x, int xOff, int xStride, float[] y, int yOff, int n, float[] acc) {
        if (!SIMD || xStride != 1 || n % LANES != 0) return gemmDotScalar(x, xOff, xStride, y, yOff, n, acc);
        FloatVector a = FloatVector.zero(F);
        for (int i = 0; i < n; i += LANES) a = FloatVector.fromArray(F, x, xOff + i).fma(FloatVector.fromArray(F, y, yOff + i), a);
        a.intoArray(acc, 0);
        return reduce(acc);
    }

    static float gemmDotScalar(float[] x, int xOff, int xStride, float[] y, int yOff, int n, float[] acc) {
        java.util.Arrays.fill(acc, 0, LANES, 0f);
        for (int i = 0; i < n; i++) acc[i & (LANES - 1)] = Math.fma(x[xOff + i * xStride], y[yOff + i], acc[i & (LANES - 1)]);
        return reduce(acc);
    }

    /**
     * {@link #gemmDot} of {@code cols} adjacent columns: {@code out[outOff + d] = gemmDot(x, xOff + d, xStride, y,
     * yOff, n)}. Attention's sum over the cached values is such a product, and column by column it reads the cache
     * with a stride. With 16-lane SIMD and {@code cols % 16 == 0} it runs 16 columns at a time along the rows
     * instead: vector l of {@code acc} holds chain l (entries i with i % 16 == l) of each of the 16 columns, and the
     * lane tree is done across the 16 vectors, so every column gets exactly gemmDot's operations.
     */
    public static void gemmDotColumns(float[] x, int xOff, int xStride, float[] y, int yOff, int n, int cols, float[] out, int outOff, float[] acc) {
        if (!SIMD || cols % LANES != 0) {
            for (int d = 0; d < cols; d++) out[outOff + d] = gemmDotScalar(x, xOff + d, xStride, y, yOff, n, acc);
            return;
        }
        for (int d = 0; d < cols; d += LANES) {
            java.util.Arrays.fill(acc, 0, LANES * LANES, 0f);
            for (int i = 0; i < n; i++) {
                int l = (i & (LANES - 1)) * LANES;
                FloatVector.fromArray(F, x, xOff + i * xStride + d).fma(FloatVector.broadcast(F, y[yOff + i]), FloatVector.fromArray(F, acc, l)).intoArray(acc, l);
            }
            treeAcross(acc, out, outOff + d);
        }
    }

    /**
     * {@link #vecDot} of {@code cols} adjacent columns (a single query's sum over the cached values), 16 columns at a
     * time along the rows where 16-lane SIMD is on and {@code cols % 16 == 0}: vector j of {@code acc} holds
     * accumulator j (entries i with i % 64 == j) of each column, folded and reduced across vectors in vecDot's order,
     * and the entries after the last block are added per column in double, as vecDot does.
     */
    public static void vecDotColumns(float[] x, int xOff, int xStride, float[] y, int yOff, int n, int padded, int cols, float[] out, int outOff, float[] acc) {
        if (!SIMD || cols % LANES != 0) {
            for (int d = 0; d < cols; d++) out[outOff + d] = vecDotScalar(x, xOff + d, xStride, y, yOff, n, padded, acc);
            return;
        }
        int blocks = padded & ~(4 * LANES - 1);
        int simd = Math.min(blocks, n);
        for (int d = 0; d < cols; d += LANES) {
            java.util.Arrays.fill(acc, 0, 4 * LANES * LANES, 0f);
            for (int i = 0; i < simd; i++) {
                int l = (i & (4 * LANES - 1)) * LANES;
                FloatVector.fromArray(F, x, xOff + i * xStride + d).fma(FloatVector.broadcast(F, y[yOff + i]), FloatVector.fromArray(F, acc, l)).intoArray(acc, l);
            }
            for (int l = 0; l < LANES; l++) {
                FloatVector.fromArray(F, acc, l * LANES).add(FloatVector.fromArray(F, acc, (2 * LANES + l) * LANES)).intoArray(acc, l * LANES);
                FloatVector.fromArray(F, acc, (LANES + l) * LANES).add(FloatVector.fromArray(F, acc, (3 * LANES + l) * LANES)).intoArray(acc, (LANES + l) * LANES);
            }
            for (int l = 0; l < LANES; l++) FloatVector.fromArray(F, acc, l * LANES).add(FloatVector.fromArray(F, acc, (LANES + l) * LANES)).intoArray(acc, l * LANES);
            treeAcross(acc, out, outOff + d);
            for (int c = 0; c < LANES; c++) {
                double sum = out[outOff + d + c];
                for (int i = blocks; i < n; i++) sum += x[xOff + i * xStride + d + c] * y[yOff + i];
                out[outOff + d + c] = (float) sum;
            }
        }
    }

    /**
     * {@link #reduce}'s tree done across the 16 vectors at the start of {@code acc}, into {@code out[at .. at+16)}.
     * The loads are written out here and in the callers: through a helper, C2 left the calls uninlined in the
     * compiled attention ("low call site frequency") and boxed every vector they returned.
     */
    private static void treeAcross(float[] acc, float[] out, int at) {
        FloatVector t0 = FloatVector.fromArray(F, acc, 0).add(FloatVector.fromArray(F, acc, 8 * LANES));
        FloatVector t1 = FloatVector.fromArray(F, acc, LANES).add(FloatVector.fromArray(F, acc, 9 * LANES));
        FloatVector t2 = FloatVector.fromArray(F, acc, 2 * LANES).add(FloatVector.fromArray(F, acc, 10 * LANES));
        FloatVector t3 = FloatVector.fromArray(F, acc, 3 * LANES).add(FloatVector.fromArray(F, acc, 11 * LANES));
        FloatVector t4 = FloatVector.fromArray(F, acc, 4 * LANES).add(FloatVector.fromArray(F, acc, 12 * LANES));
        FloatVector t5 = FloatVector.fromArray(F, acc, 5 * LANES).add(FloatVector.fromArray(F, acc, 13 * LANES));
        FloatVector t6 = FloatVector.fromArray(F, acc, 6 * LANES).add(FloatVector.fromArray(F, acc, 14 * LANES));
        FloatVector t7 = FloatVector.fromArray(F, acc, 7 * LANES).add(FloatVector.fromArray(F, acc, 15 * LANES));
        FloatVector s0 = t0.add(t4), s1 = t1.add(t5), s2 = t2.add(t6), s3 = t3.add(t7);
        s0.add(s2).add(s1.add(s3)).intoArray(out, at);
    }
}
