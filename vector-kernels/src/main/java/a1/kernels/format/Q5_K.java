package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q5_K: 256 weights per 176-byte super-block: F16 d, F16 dmin, 12 bytes of scales/mins ({@link KScales}),
 * 32 bytes of high bits, 128 bytes of nibbles. Weight l of chunk c (64 weights) takes its nibble from byte
 * 32c + l%32 and its fifth bit from bit 2c (l < 32) or 2c+1 of high-bit byte l%32. Dotted with Q8_K.
 */
public final class Q5_K implements WeightFormat {
    public static final Q5_K INSTANCE = new Q5_K();
    static final int BLOCK = 256;
    static final int BYTES = 176;

    private Q5_K() {}

    @Override
    public ActivationType activation() {
        return ActivationType.Q8_K;
    }

    /** Quant l (0..31) of chunk c, from its low (sub-block 2c) or high (2c + 1) nibbles. */
    static int quant(MemorySegment s, long p, int c, int l, boolean high) {
        int v = Le.u8(s, p + 48 + 32 * c + l);
        int h = Le.u8(s, p + 16 + l);
        return high ? (v >>> 4) | ((h >>> (2 * c + 1)) & 1) << 4 : (v & 0xF) | ((h >>> (2 * c)) & 1) << 4;
    }

    @Override
    public void dequantize(MemorySegment src, long off, int count, float[] out, int outOff) {
        for (int b = 0; b < count / BLOCK; b++) {
            long p = off + (long) b * BYTES;
            long sl = KScales.low(src, p + 4);
            int sh = KScales.high(src, p + 4);
            long scl = KScales.scales(sl, sh), mns = KScales.mins(sl, sh);
            float d = Le.half(src, p);
            float dmin = Le.half(src, p + 2);
            int o = outOff + b * BLOCK;
            for (int c = 0; c < 4; c++) {
                float d1 = d * KScales.get(scl, 2 * c), m1 = dmin * KScales.get(mns, 2 * c);
                float d2 = d * KScales.get(scl, 2 * c + 1), m2 = dmin * KScales.get(mns, 2 * c + 1);
                for (int l = 0; l < 32; l++) {
                    out[o + 64 * c + l] = d1 * quant(src, p, c, l, false) - m1;
                    out[o + 64 * c + 32 + l] = d2 * quant(src, p, c, l, true) - m2;
                }
            }
        }
    }

    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int nb = a.cols() / BLOCK;
        int[] pos = new int[KLanes.POSITIONS];
        float[] acc = new float[8];
        float summs = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            long sl = KScales.low(w, p + 4);
            int sh = KScales.high(w, p + 4);
            long scl = KScales.scales(sl, sh), mns = KScales.mins(sl, sh);
            int qa = t * a.cols() + b * BLOCK;
            java.util.Arrays.fill(pos, 0);
            for (int c = 0; c < 4; c++) {
                int scLo = KScales.get(scl, 2 * c), scHi = KScales.get(scl, 2 * c + 1);
                for (int l = 0; l < 32; l++) {
                    pos[l] += scLo * (quant(w, p, c, l, false) * a.quants[qa + 64 * c + l])
                            + scHi * (quant(w, p, c, l, true) * a.quants[qa + 64 * c + 32 + l]);
                }
            }
            float ya = a.scales[t * nb + b];
            KLanes.accumulate(ya * Le.half(w, p), pos, acc);
            // ggml adds the whole min term as one scalar: summs += dmin * sum, which GCC fuses.
            summs = Math.fma(-ya * Le.half(w, p + 2), (float) KScales.minTerm(mns, a, t, b), summs);
        }
        return KLanes.hsum(acc) + summs;
    }

    /**
     * ggml computes every batch of Q5_K with its one-token vec_dot; the "other kernel" here is A1's own regrouped
     * copy ({@link Q5_KGroups}) in that same order, so {@link #dotAlt} is {@link #dot} and this only routes whole
     * groups of rows through the copy.
     */
    @Override
    public boolean altKernel(int rows, int cols, int tokens) {
        return rows >= Q5_KGroups.ROWS;
    }

    @Override
    public RowGroups regroup(MemorySegment data, int rows, int cols) {
        return Simd.ENABLED ? Q5_KGroups.of(data, rows, cols) : null;
    }

    /** {@link #dotScalar} with the per-position integer sums in vectors. */
    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        if (!Simd.ENABLED) return dotScalar(w, off, a, t);
        int nb = a.cols() / BLOCK;
        int[] pos = new int[KLanes.POSITIONS];
        float[] acc = new float[8];
        float summs = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            long sl = KScales.low(w, p + 4);
            int sh = KScales.high(w, p + 4);
            positionSums(w, p, KScales.scales(sl, sh), a.quants, t * a.cols() + b * BLOCK, pos);
            float ya = a.scales[t * nb + b];
            KLanes.accumulate(ya * Le.half(w, p), pos, acc);
            summs = Math.fma(-ya * Le.half(w, p + 2), (float) KScales.minTerm(KScales.mins(sl, sh), a, t, b), summs);
        }
        return KLanes.hsum(acc) + summs;
    }

    /** As Q4_K's, with the fifth bits: bit 2*chunk (low nibbles) and 2*chunk+1 (high) of qh byte l. */
    private static void positionSums(MemorySegment w, long p, long scl, int[] qa, int e0, int[] pos) {
        for (int c = 0; c < 32; c += Simd.QLEN) {
            ByteVector qh = ByteVector.fromMemorySegment(Simd.QB, w, p + 16 + c, Le.ORDER);
            for (int part = 0; part < Simd.PARTS; part++) {
                int l = c + part * Simd.I.length();
                IntVector sum = IntVector.zero(Simd.I);
                for (int chunk = 0; chunk < 4; chunk++) {
                    byte loBit = (byte) (1 << 2 * chunk), hiBit = (byte) (2 << 2 * chunk);
                    ByteVector raw = ByteVector.fromMemorySegment(Simd.QB, w, p + 48 + 32 * chunk + c, Le.ORDER);
                    ByteVector ql = raw.and((byte) 0x0F).add((byte) 16, qh.and(loBit).compare(VectorOperators.NE, 0));
                    ByteVector qu = raw.lanewise(VectorOperators.LSHR, 4).add((byte) 16, qh.and(hiBit).compare(VectorOperators.NE, 0));
                    int i = e0 + 64 * chunk + l;
                    sum = sum.add(((IntVector) ql.convertShape(VectorOperators.B2I, Simd.I, part)).mul(IntVector.fromArray(Simd.I, qa, i)).mul(KScales.get(scl, 2 * chunk)))
                            .add(((IntVector) qu.convertShape(VectorOperators.B2I, Simd.I, part)).mul(IntVector.fromArray(Simd.I, qa, i + 32)).mul(KScales.get(scl, 2 * chunk + 1)));
                }
                sum.intoArray(pos, l);
            }
        }
    }
}
