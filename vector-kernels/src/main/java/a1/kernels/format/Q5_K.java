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

    private static int quant(MemorySegment s, long p, int c, int l, boolean high) {
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
        float sum = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            long sl = KScales.low(w, p + 4);
            int sh = KScales.high(w, p + 4);
            long scl = KScales.scales(sl, sh), mns = KScales.mins(sl, sh);
            int qa = t * a.cols() + b * BLOCK;
            int sumi = 0;
            for (int c = 0; c < 4; c++) {
                int lo = 0, hi = 0;
                for (int l = 0; l < 32; l++) {
                    lo += quant(w, p, c, l, false) * a.quants[qa + 64 * c + l];
                    hi += quant(w, p, c, l, true) * a.quants[qa + 64 * c + 32 + l];
                }
                sumi += lo * KScales.get(scl, 2 * c) + hi * KScales.get(scl, 2 * c + 1);
            }
            float da = a.scales[t * nb + b];
            sum += da * Le.half(w, p) * sumi - da * Le.half(w, p + 2) * KScales.minTerm(mns, a, t, b);
        }
        return sum;
    }

    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        if (!Simd.ENABLED) return dotScalar(w, off, a, t);
        int nb = a.cols() / BLOCK;
        float sum = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            long sl = KScales.low(w, p + 4);
            int sh = KScales.high(w, p + 4);
            long scl = KScales.scales(sl, sh), mns = KScales.mins(sl, sh);
            int sumi = scaledSum(w, p, scl, a.quants, t * a.cols() + b * BLOCK);
            float da = a.scales[t * nb + b];
            sum += da * Le.half(w, p) * sumi - da * Le.half(w, p + 2) * KScales.minTerm(mns, a, t, b);
        }
        return sum;
    }

    /** As Q4_K's: the exact scaled integer sum of one super-block, so SIMD equals the scalar reference bit for bit. */
    private static int scaledSum(MemorySegment w, long p, long scl, int[] qa, int e0) {
        IntVector sumi = IntVector.zero(Simd.I);
        for (int chunk = 0; chunk < 4; chunk++) { // fifth bits: bit 2*chunk (low nibbles) and 2*chunk+1 (high) of byte l
            long qs = p + 48 + 32 * chunk;
            int e = e0 + 64 * chunk;
            byte loBit = (byte) (1 << 2 * chunk), hiBit = (byte) (2 << 2 * chunk);
            IntVector lo = IntVector.zero(Simd.I), hi = IntVector.zero(Simd.I);
            for (int c = 0; c < 32; c += Simd.QLEN) {
                ByteVector raw = ByteVector.fromMemorySegment(Simd.QB, w, qs + c, Le.ORDER);
                ByteVector qh = ByteVector.fromMemorySegment(Simd.QB, w, p + 16 + c, Le.ORDER);
                ByteVector ql = raw.and((byte) 0x0F).add((byte) 16, qh.and(loBit).compare(VectorOperators.NE, 0));
                ByteVector qu = raw.lanewise(VectorOperators.LSHR, 4).add((byte) 16, qh.and(hiBit).compare(VectorOperators.NE, 0));
                for (int part = 0; part < Simd.PARTS; part++) {
                    int i = e + c + part * Simd.I.length();
                    lo = lo.add(((IntVector) ql.convertShape(VectorOperators.B2I, Simd.I, part)).mul(IntVector.fromArray(Simd.I, qa, i)));
                    hi = hi.add(((IntVector) qu.convertShape(VectorOperators.B2I, Simd.I, part)).mul(IntVector.fromArray(Simd.I, qa, i + 32)));
                }
            }
            sumi = sumi.add(lo.mul(KScales.get(scl, 2 * chunk))).add(hi.mul(KScales.get(scl, 2 * chunk + 1)));
        }
        return sumi.reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void dot4(MemorySegment w, long off, Activations a, int t, float[] out, int outOff, int stride) {
        if (!Simd.ENABLED) {
            WeightFormat.super.dot4(w, off, a, t, out, outOff, stride);
            return;
        }
        int cols = a.cols(), nb = cols / BLOCK;
        float sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            long sl = KScales.low(w, p + 4);
            int sh = KScales.high(w, p + 4);
            long scl = KScales.scales(sl, sh), mns = KScales.mins(sl, sh);
            int e = t * cols + b * BLOCK;
            long s01 = scaledSum2(w, p, scl, a.quants, e, e + cols);
            long s23 = scaledSum2(w, p, scl, a.quants, e + 2 * cols, e + 3 * cols);
            float dw = Le.half(w, p), dmin = Le.half(w, p + 2);
            float da0 = a.scales[t * nb + b], da1 = a.scales[(t + 1) * nb + b], da2 = a.scales[(t + 2) * nb + b], da3 = a.scales[(t + 3) * nb + b];
            sum0 += da0 * dw * (int) s01 - da0 * dmin * KScales.minTerm(mns, a, t, b);
            sum1 += da1 * dw * (int) (s01 >> 32) - da1 * dmin * KScales.minTerm(mns, a, t + 1, b);
            sum2 += da2 * dw * (int) s23 - da2 * dmin * KScales.minTerm(mns, a, t + 2, b);
            sum3 += da3 * dw * (int) (s23 >> 32) - da3 * dmin * KScales.minTerm(mns, a, t + 3, b);
        }
        out[outOff] = sum0;
        out[outOff + stride] = sum1;
        out[outOff + 2 * stride] = sum2;
        out[outOff + 3 * stride] = sum3;
    }

    /** {@link #scaledSum} for two tokens at once (quants decoded once), packed low | high << 32. */
    private static long scaledSum2(MemorySegment w, long p, long scl, int[] qa, int e0, int e1) {
        IntVector sumA = IntVector.zero(Simd.I), sumB = sumA;
        for (int chunk = 0; chunk < 4; chunk++) {
            long qs = p + 48 + 32 * chunk;
            byte loBit = (byte) (1 << 2 * chunk), hiBit = (byte) (2 << 2 * chunk);
            IntVector loA = IntVector.zero(Simd.I), hiA = loA, loB = loA, hiB = loA;
            for (int c = 0; c < 32; c += Simd.QLEN) {
                ByteVector raw = ByteVector.fromMemorySegment(Simd.QB, w, qs + c, Le.ORDER);
                ByteVector qh = ByteVector.fromMemorySegment(Simd.QB, w, p + 16 + c, Le.ORDER);
                ByteVector ql = raw.and((byte) 0x0F).add((byte) 16, qh.and(loBit).compare(VectorOperators.NE, 0));
                ByteVector qu = raw.lanewise(VectorOperators.LSHR, 4).add((byte) 16, qh.and(hiBit).compare(VectorOperators.NE, 0));
                for (int part = 0; part < Simd.PARTS; part++) {
                    int i = 64 * chunk + c + part * Simd.I.length();
                    IntVector l = (IntVector) ql.convertShape(VectorOperators.B2I, Simd.I, part);
                    IntVector h = (IntVector) qu.convertShape(VectorOperators.B2I, Simd.I, part);
                    loA = loA.add(l.mul(IntVector.fromArray(Simd.I, qa, e0 + i)));
                    hiA = hiA.add(h.mul(IntVector.fromArray(Simd.I, qa, e0 + i + 32)));
                    loB = loB.add(l.mul(IntVector.fromArray(Simd.I, qa, e1 + i)));
                    hiB = hiB.add(h.mul(IntVector.fromArray(Simd.I, qa, e1 + i + 32)));
                }
            }
            int scLo = KScales.get(scl, 2 * chunk), scHi = KScales.get(scl, 2 * chunk + 1);
            sumA = sumA.add(loA.mul(scLo)).add(hiA.mul(scHi));
            sumB = sumB.add(loB.mul(scLo)).add(hiB.mul(scHi));
        }
        return (sumA.reduceLanes(VectorOperators.ADD) & 0xFFFFFFFFL) | (long) sumB.reduceLanes(VectorOperators.ADD) << 32;
    }
}
