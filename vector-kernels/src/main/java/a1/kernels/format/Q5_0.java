package a1.kernels.format;

import java.lang.foreign.MemorySegment;

/**
 * Q5_0: 32 weights per 22-byte block: F16 scale, 32 high bits (bit j = element j), 16 bytes of low nibbles;
 * value = d * ((nibble | high << 4) - 16). Dotted with Q8_0 activations.
 */
public final class Q5_0 implements WeightFormat {
    public static final Q5_0 INSTANCE = new Q5_0();
    static final int BLOCK = 32;
    static final int BYTES = 22;

    private Q5_0() {}

    @Override
    public ActivationType activation() {
        return ActivationType.Q8_0;
    }

    private static int quant(int qs, int qh, int j) {
        int lo = j < 16 ? qs & 0xF : qs >>> 4;
        return (lo | ((qh >>> j) & 1) << 4) - 16;
    }

    @Override
    public void dequantize(MemorySegment src, long off, int count, float[] out, int outOff) {
        for (int b = 0; b < count / BLOCK; b++) {
            long p = off + (long) b * BYTES;
            float d = Le.half(src, p);
            int qh = src.get(Le.INT, p + 2);
            int o = outOff + b * BLOCK;
            for (int j = 0; j < BLOCK; j++) out[o + j] = d * quant(Le.u8(src, p + 6 + (j & 15)), qh, j);
        }
    }

    /**
     * vec_dot_q5_0_q8_0's AVX2/VNNI order (and tinyBLAS's for batches), as {@link Q4_0}'s: eight float lanes of
     * 4-element integer groups fused with the block's scale product, then hsum_float_8.
     */
    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        float[] acc = new float[8];
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            int qh = w.get(Le.INT, p + 2);
            int q = base + b * BLOCK;
            float d = Le.half(w, p) * a.scales[t * nb + b];
            for (int m = 0; m < 8; m++) {
                int sumi = 0;
                for (int j = 4 * m; j < 4 * m + 4; j++) sumi += quant(Le.u8(w, p + 6 + (j & 15)), qh, j) * a.quants[q + j];
                acc[m] = Math.fma(d, (float) sumi, acc[m]);
            }
        }
        return KLanes.hsum(acc);
    }

    /** The scalar loop is ggml's order. */
    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        return dotScalar(w, off, a, t);
    }
}
