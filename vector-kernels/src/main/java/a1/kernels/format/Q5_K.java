package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
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
            float d = Le.half(src, p);
            float dmin = Le.half(src, p + 2);
            int o = outOff + b * BLOCK;
            for (int c = 0; c < 4; c++) {
                float d1 = d * KScales.scale(src, p + 4, 2 * c), m1 = dmin * KScales.min(src, p + 4, 2 * c);
                float d2 = d * KScales.scale(src, p + 4, 2 * c + 1), m2 = dmin * KScales.min(src, p + 4, 2 * c + 1);
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
            int qa = t * a.cols() + b * BLOCK;
            int sumi = 0;
            for (int c = 0; c < 4; c++) {
                int lo = 0, hi = 0;
                for (int l = 0; l < 32; l++) {
                    lo += quant(w, p, c, l, false) * a.quants[qa + 64 * c + l];
                    hi += quant(w, p, c, l, true) * a.quants[qa + 64 * c + 32 + l];
                }
                sumi += lo * KScales.scale(w, p + 4, 2 * c) + hi * KScales.scale(w, p + 4, 2 * c + 1);
            }
            float da = a.scales[t * nb + b];
            sum += da * Le.half(w, p) * sumi - da * Le.half(w, p + 2) * Q4_K.mins(w, p, a, t, b);
        }
        return sum;
    }

    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        if (!Simd.ENABLED) return dotScalar(w, off, a, t);
        int nb = a.cols() / BLOCK;
        FloatVector acc = FloatVector.zero(Simd.F);
        float minTerm = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            int qa = t * a.cols() + b * BLOCK;
            ByteVector h0 = ByteVector.fromMemorySegment(Simd.B16, w, p + 16, Le.ORDER);
            ByteVector h1 = ByteVector.fromMemorySegment(Simd.B16, w, p + 32, Le.ORDER);
            IntVector sumi = IntVector.zero(Simd.I);
            for (int c = 0; c < 4; c++) {
                ByteVector r0 = ByteVector.fromMemorySegment(Simd.B16, w, p + 48 + 32 * c, Le.ORDER);
                ByteVector r1 = ByteVector.fromMemorySegment(Simd.B16, w, p + 64 + 32 * c, Le.ORDER);
                IntVector lo = Simd.mulAdd16(r0.and((byte) 0x0F).or(fifth(h0, 2 * c)), a.quants, qa + 64 * c, IntVector.zero(Simd.I));
                lo = Simd.mulAdd16(r1.and((byte) 0x0F).or(fifth(h1, 2 * c)), a.quants, qa + 64 * c + 16, lo);
                IntVector hi = Simd.mulAdd16(r0.lanewise(VectorOperators.LSHR, 4).or(fifth(h0, 2 * c + 1)), a.quants, qa + 64 * c + 32, IntVector.zero(Simd.I));
                hi = Simd.mulAdd16(r1.lanewise(VectorOperators.LSHR, 4).or(fifth(h1, 2 * c + 1)), a.quants, qa + 64 * c + 48, hi);
                sumi = sumi.add(lo.mul(KScales.scale(w, p + 4, 2 * c))).add(hi.mul(KScales.scale(w, p + 4, 2 * c + 1)));
            }
            float da = a.scales[t * nb + b];
            acc = ((FloatVector) sumi.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(Simd.F, da * Le.half(w, p)), acc);
            minTerm += da * Le.half(w, p + 2) * Q4_K.mins(w, p, a, t, b);
        }
        return acc.reduceLanes(VectorOperators.ADD) - minTerm;
    }

    /** Bit {@code bit} of each high-bit byte, moved to value 16. */
    private static ByteVector fifth(ByteVector h, int bit) {
        return h.lanewise(VectorOperators.LSHR, bit).and((byte) 1).lanewise(VectorOperators.LSHL, 4);
    }
}
