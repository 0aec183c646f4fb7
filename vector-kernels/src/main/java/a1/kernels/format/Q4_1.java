package a1.kernels.format;

import java.lang.foreign.MemorySegment;

/**
 * Q4_1: 32 weights per 20-byte block, F16 scale d and F16 minimum m, then 16 bytes of nibbles; value = d*q + m.
 * Dotted with Q8_1 activations, whose precomputed s = d_a * sum(q_a) turns the minimum into one multiply.
 */
public final class Q4_1 implements WeightFormat {
    public static final Q4_1 INSTANCE = new Q4_1();
    static final int BLOCK = 32;
    static final int BYTES = 20;

    private Q4_1() {}

    @Override
    public ActivationType activation() {
        return ActivationType.Q8_1;
    }

    @Override
    public void dequantize(MemorySegment src, long off, int count, float[] out, int outOff) {
        for (int b = 0; b < count / BLOCK; b++) {
            long p = off + (long) b * BYTES;
            float d = Le.half(src, p);
            float m = Le.half(src, p + 2);
            int o = outOff + b * BLOCK;
            for (int j = 0; j < 16; j++) {
                int v = Le.u8(src, p + 4 + j);
                out[o + j] = (v & 0xF) * d + m;
                out[o + j + 16] = (v >>> 4) * d + m;
            }
        }
    }

    /**
     * vec_dot_q4_1_q8_1's AVX2/VNNI order (one token and batches alike): eight float lanes of 4-element integer
     * groups fused with the block's scale product, the min terms m * s fused into one float, then
     * hsum_float_8 plus that float.
     */
    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        float[] acc = new float[8];
        float mins = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            int q = base + b * BLOCK;
            mins = Math.fma(Le.half(w, p + 2), a.sums[t * nb + b], mins);
            float d = Le.half(w, p) * a.scales[t * nb + b];
            for (int m = 0; m < 4; m++) {
                int lo = 0, hi = 0;
                for (int j = 4 * m; j < 4 * m + 4; j++) {
                    int v = Le.u8(w, p + 4 + j);
                    lo += (v & 0xF) * a.quants[q + j];
                    hi += (v >>> 4) * a.quants[q + j + 16];
                }
                acc[m] = Math.fma(d, (float) lo, acc[m]);
                acc[m + 4] = Math.fma(d, (float) hi, acc[m + 4]);
            }
        }
        return KLanes.hsum(acc) + mins;
    }

    /** The scalar loop is ggml's order. */
    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        return dotScalar(w, off, a, t);
    }
}
