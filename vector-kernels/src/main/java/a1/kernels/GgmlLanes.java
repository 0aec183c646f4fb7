package a1.kernels;

/**
 * ggml's AVX-512 arithmetic, lane by lane, where its order of operations shows in the results. llama.cpp's
 * exponential is a polynomial (not libm's), and its sums run in 16 float lanes folded as a tree; attention rounds
 * its inputs to F16 on top, so a last-bit difference there flips an F16 rounding and moves logits by 1e-2.
 * Reproducing the order makes A1's logits equal llama.cpp's instead of merely close.
 */
public final class GgmlLanes {
    public static final int LANES = 16;

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

    /** Scratch that {@link #vecDot} and {@link #gemmDot} fold their lanes in; one per thread. */
    public static float[] scratch() {
        return new float[4 * LANES];
    }

    /**
     * ggml_vec_dot_f16's order, for a single query row: four accumulators of 16 lanes over blocks of 64
     * ({@code padded} is llama.cpp's length, a multiple of 32 past {@code n}; entries from {@code n} on are zeros),
     * folded 2-to-1 then as a lane tree, and the entries after the last block added in double.
     */
    public static float vecDot(float[] x, int xOff, int xStride, float[] y, int yOff, int n, int padded, float[] acc) {
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

    /** llamafile's tinyBLAS order, for batches: one accumulator of 16 lanes over the whole length, then the lane tree. */
    public static float gemmDot(float[] x, int xOff, int xStride, float[] y, int yOff, int n, float[] acc) {
        java.util.Arrays.fill(acc, 0, LANES, 0f);
        for (int i = 0; i < n; i++) acc[i & (LANES - 1)] = Math.fma(x[xOff + i * xStride], y[yOff + i], acc[i & (LANES - 1)]);
        return reduce(acc);
    }
}
