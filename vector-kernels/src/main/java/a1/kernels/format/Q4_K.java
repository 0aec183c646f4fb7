package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_K: 256 weights per 144-byte super-block: F16 d, F16 dmin, 12 bytes of 6-bit scales/mins ({@link KScales}),
 * 128 bytes of nibbles. Each 64-weight chunk takes 32 bytes: low nibbles are sub-block 2c, high nibbles 2c+1;
 * value = d*scale*q - dmin*min. Dotted with Q8_K activations; the min term uses their 16-element sums.
 */
public final class Q4_K implements WeightFormat {
    public static final Q4_K INSTANCE = new Q4_K();
    static final int BLOCK = 256;
    static final int BYTES = 144;

    private Q4_K() {}

    @Override
    public ActivationType activation() {
        return ActivationType.Q8_K;
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
                    int v = Le.u8(src, p + 16 + 32 * c + l);
                    out[o + 64 * c + l] = d1 * (v & 0xF) - m1;
                    out[o + 64 * c + 32 + l] = d2 * (v >>> 4) - m2;
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
                    int v = Le.u8(w, p + 16 + 32 * c + l);
                    lo += (v & 0xF) * a.quants[qa + 64 * c + l];
                    hi += (v >>> 4) * a.quants[qa + 64 * c + 32 + l];
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

    /**
     * Sum over sub-blocks of scale * (quants . activation quants) for the super-block at p: exact, so the SIMD dot
     * equals the scalar reference bit for bit. Kept apart from {@link #dot} so each compiles small enough to inline
     * its vector calls.
     */
    private static int scaledSum(MemorySegment w, long p, long scl, int[] qa, int e0) {
        IntVector sumi = IntVector.zero(Simd.I);
        for (int chunk = 0; chunk < 4; chunk++) { // low nibbles are sub-block 2*chunk, high nibbles 2*chunk+1
            long qs = p + 16 + 32 * chunk;
            int e = e0 + 64 * chunk;
            IntVector lo = IntVector.zero(Simd.I), hi = IntVector.zero(Simd.I);
            for (int c = 0; c < 32; c += Simd.QLEN) {
                ByteVector raw = ByteVector.fromMemorySegment(Simd.QB, w, qs + c, Le.ORDER);
                for (int part = 0; part < Simd.PARTS; part++) {
                    IntVector x = (IntVector) raw.convertShape(VectorOperators.B2I, Simd.I, part); // nibbles split after widening
                    int i = e + c + part * Simd.I.length();
                    lo = lo.add(x.and(0xF).mul(IntVector.fromArray(Simd.I, qa, i)));
                    hi = hi.add(x.lanewise(VectorOperators.ASHR, 4).and(0xF).mul(IntVector.fromArray(Simd.I, qa, i + 32)));
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
            long qs = p + 16 + 32 * chunk;
            IntVector loA = IntVector.zero(Simd.I), hiA = loA, loB = loA, hiB = loA;
            for (int c = 0; c < 32; c += Simd.QLEN) {
                ByteVector raw = ByteVector.fromMemorySegment(Simd.QB, w, qs + c, Le.ORDER);
                for (int part = 0; part < Simd.PARTS; part++) {
                    int i = 64 * chunk + c + part * Simd.I.length();
                    IntVector x = (IntVector) raw.convertShape(VectorOperators.B2I, Simd.I, part);
                    IntVector l = x.and(0xF), h = x.lanewise(VectorOperators.ASHR, 4).and(0xF);
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
