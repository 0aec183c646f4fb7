package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
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
            float d = Le.half(src, p);
            float dmin = Le.half(src, p + 2);
            int o = outOff + b * BLOCK;
            for (int c = 0; c < 4; c++) {
                float d1 = d * KScales.scale(src, p + 4, 2 * c), m1 = dmin * KScales.min(src, p + 4, 2 * c);
                float d2 = d * KScales.scale(src, p + 4, 2 * c + 1), m2 = dmin * KScales.min(src, p + 4, 2 * c + 1);
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
            int qa = t * a.cols() + b * BLOCK;
            int sumi = 0;
            for (int c = 0; c < 4; c++) {
                int lo = 0, hi = 0;
                for (int l = 0; l < 32; l++) {
                    int v = Le.u8(w, p + 16 + 32 * c + l);
                    lo += (v & 0xF) * a.quants[qa + 64 * c + l];
                    hi += (v >>> 4) * a.quants[qa + 64 * c + 32 + l];
                }
                sumi += lo * KScales.scale(w, p + 4, 2 * c) + hi * KScales.scale(w, p + 4, 2 * c + 1);
            }
            float da = a.scales[t * nb + b];
            sum += da * Le.half(w, p) * sumi - da * Le.half(w, p + 2) * mins(w, p, a, t, b);
        }
        return sum;
    }

    /** Sum over sub-blocks of min * (sum of the activation quants under it). */
    static int mins(MemorySegment w, long p, Activations a, int t, int b) {
        int g = t * (a.cols() / 16) + b * 16;
        int m = 0;
        for (int j = 0; j < 8; j++) m += KScales.min(w, p + 4, j) * (a.bsums[g + 2 * j] + a.bsums[g + 2 * j + 1]);
        return m;
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
            IntVector sumi = IntVector.zero(Simd.I);
            for (int c = 0; c < 4; c++) {
                ByteVector r0 = ByteVector.fromMemorySegment(Simd.B16, w, p + 16 + 32 * c, Le.ORDER);
                ByteVector r1 = ByteVector.fromMemorySegment(Simd.B16, w, p + 32 + 32 * c, Le.ORDER);
                IntVector lo = Simd.mulAdd16(r0.and((byte) 0x0F), a.quants, qa + 64 * c, IntVector.zero(Simd.I));
                lo = Simd.mulAdd16(r1.and((byte) 0x0F), a.quants, qa + 64 * c + 16, lo);
                IntVector hi = Simd.mulAdd16(r0.lanewise(VectorOperators.LSHR, 4), a.quants, qa + 64 * c + 32, IntVector.zero(Simd.I));
                hi = Simd.mulAdd16(r1.lanewise(VectorOperators.LSHR, 4), a.quants, qa + 64 * c + 48, hi);
                sumi = sumi.add(lo.mul(KScales.scale(w, p + 4, 2 * c))).add(hi.mul(KScales.scale(w, p + 4, 2 * c + 1)));
            }
            float da = a.scales[t * nb + b];
            acc = ((FloatVector) sumi.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(Simd.F, da * Le.half(w, p)), acc);
            minTerm += da * Le.half(w, p + 2) * mins(w, p, a, t, b);
        }
        return acc.reduceLanes(VectorOperators.ADD) - minTerm;
    }
}
