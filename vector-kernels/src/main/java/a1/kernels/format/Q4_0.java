package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_0: 32 weights per 18-byte block, an F16 scale then 16 bytes of nibbles (low nibble = element j, high nibble
 * = element j+16), value = d * (nibble - 8). Dotted with Q8_0 activations.
 */
public final class Q4_0 implements WeightFormat {
    public static final Q4_0 INSTANCE = new Q4_0();
    static final int BLOCK = 32;
    static final int BYTES = 18;

    private Q4_0() {}

    @Override
    public ActivationType activation() {
        return ActivationType.Q8_0;
    }

    @Override
    public void dequantize(MemorySegment src, long off, int count, float[] out, int outOff) {
        for (int b = 0; b < count / BLOCK; b++) {
            long p = off + (long) b * BYTES;
            float d = Le.half(src, p);
            int o = outOff + b * BLOCK;
            for (int j = 0; j < 16; j++) {
                int v = Le.u8(src, p + 2 + j);
                out[o + j] = d * ((v & 0xF) - 8);
                out[o + j + 16] = d * ((v >>> 4) - 8);
            }
        }
    }

    /**
     * vec_dot_q4_0_q8_0's AVX2/VNNI order (and tinyBLAS's for batches): as {@link Q8_0}, eight float lanes of
     * 4-element integer groups, low nibbles being elements 0-15 and high nibbles 16-31.
     */
    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        int[] qa = a.quants;
        float[] acc = new float[8];
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES + 2;
            int q = base + b * BLOCK;
            float d = Le.half(w, p - 2) * a.scales[t * nb + b];
            for (int m = 0; m < 4; m++) {
                int lo = 0, hi = 0;
                for (int j = 4 * m; j < 4 * m + 4; j++) {
                    int v = Le.u8(w, p + j);
                    lo += ((v & 0xF) - 8) * qa[q + j];
                    hi += ((v >>> 4) - 8) * qa[q + j + 16];
                }
                acc[m] = Math.fma(d, (float) lo, acc[m]);
                acc[m + 4] = Math.fma(d, (float) hi, acc[m + 4]);
            }
        }
        return KLanes.hsum(acc);
    }

    /** The scalar loop is ggml's order. */
    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        return dotScalar(w, off, a, t);
    }

    /**
     * llama.cpp repacks Q4_0 matrices whose row count is a multiple of 8 at load (q4_0_8x8 on AVX2/AVX-512) and
     * then computes one token and batches alike with its gemv/gemm kernels.
     */
    @Override
    public boolean altKernel(int rows, int cols, int tokens) {
        return rows % 8 == 0;
    }

    @Override
    public RowGroups regroup(MemorySegment data, int rows, int cols) {
        return Simd.ENABLED && altKernel(rows, cols, 1) ? Q4_0Groups.of(data, rows, cols) : null;
    }

    /** The repacked kernels' order: one float per row, fused in block by block (the block sums are exact). */
    @Override
    public float dotAlt(MemorySegment w, long off, Activations a, int t) {
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        int[] qa = a.quants;
        float acc = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            int q = base + b * BLOCK;
            int sumi = Simd.ENABLED ? blockSum(w, p, qa, q) : blockSumScalar(w, p, qa, q);
            acc = Math.fma((float) sumi, Le.half(w, p) * a.scales[t * nb + b], acc);
        }
        return acc;
    }

    static int blockSumScalar(MemorySegment w, long p, int[] qa, int q) {
        int sumi = 0;
        for (int j = 0; j < 16; j++) {
            int v = Le.u8(w, p + 2 + j);
            sumi += ((v & 0xF) - 8) * qa[q + j] + ((v >>> 4) - 8) * qa[q + j + 16];
        }
        return sumi;
    }

    static int blockSum(MemorySegment w, long p, int[] qa, int q) {
        IntVector s = IntVector.zero(Simd.I);
        for (int c = 0; c < 16; c += Simd.QLEN) {
            ByteVector raw = ByteVector.fromMemorySegment(Simd.QB, w, p + 2 + c, Le.ORDER);
            for (int part = 0; part < Simd.PARTS; part++) { // low nibbles are elements 0-15, high nibbles 16-31
                IntVector x = (IntVector) raw.convertShape(VectorOperators.B2I, Simd.I, part);
                int i = q + c + part * Simd.I.length();
                s = s.add(x.and(0xF).sub(8).mul(IntVector.fromArray(Simd.I, qa, i)));
                s = s.add(x.lanewise(VectorOperators.ASHR, 4).and(0xF).sub(8).mul(IntVector.fromArray(Simd.I, qa, i + 16)));
            }
        }
        return s.reduceLanes(VectorOperators.ADD);
    }
}
