package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q6_K: 256 weights per 210-byte super-block: 128 bytes of low nibbles, 64 bytes of 2-bit high parts, 16 signed
 * 8-bit scales (one per 16 weights), F16 d; value = d * scale * (q - 32). In each half of 128 weights, weight l
 * (l < 32) and l+64 share low-nibble byte l, l+32 and l+96 share byte l+32, and all four share high byte l.
 */
public final class Q6_K implements WeightFormat {
    public static final Q6_K INSTANCE = new Q6_K();
    static final int BLOCK = 256;
    static final int BYTES = 210;

    private Q6_K() {}

    @Override
    public ActivationType activation() {
        return ActivationType.Q8_K;
    }

    /** Quant k (0..3 = offsets 0, 32, 64, 96) of position l in half h, in [-32, 31]. */
    private static int quant(MemorySegment s, long p, int h, int l, int k) {
        int ql = Le.u8(s, p + 64 * h + l + ((k & 1) == 1 ? 32 : 0));
        int nib = k < 2 ? ql & 0xF : ql >>> 4;
        int qh = (Le.u8(s, p + 128 + 32 * h + l) >>> (2 * k)) & 3;
        return (nib | qh << 4) - 32;
    }

    @Override
    public void dequantize(MemorySegment src, long off, int count, float[] out, int outOff) {
        for (int b = 0; b < count / BLOCK; b++) {
            long p = off + (long) b * BYTES;
            float d = Le.half(src, p + 208);
            for (int h = 0; h < 2; h++) {
                for (int l = 0; l < 32; l++) {
                    for (int k = 0; k < 4; k++) {
                        int sc = Le.s8(src, p + 192 + 8 * h + l / 16 + 2 * k);
                        out[outOff + b * BLOCK + 128 * h + 32 * k + l] = d * sc * quant(src, p, h, l, k);
                    }
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
            for (int h = 0; h < 2; h++) {
                for (int k = 0; k < 4; k++) {
                    for (int g = 0; g < 2; g++) {
                        int s = 0;
                        for (int l = 16 * g; l < 16 * g + 16; l++) s += quant(w, p, h, l, k) * a.quants[qa + 128 * h + 32 * k + l];
                        sumi += s * Le.s8(w, p + 192 + 8 * h + g + 2 * k);
                    }
                }
            }
            sum += a.scales[t * nb + b] * Le.half(w, p + 208) * sumi;
        }
        return sum;
    }

    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        if (!Simd.ENABLED) return dotScalar(w, off, a, t);
        int nb = a.cols() / BLOCK;
        FloatVector acc = FloatVector.zero(Simd.F);
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            int qa = t * a.cols() + b * BLOCK;
            IntVector sumi = IntVector.zero(Simd.I);
            for (int h = 0; h < 2; h++) {
                for (int g = 0; g < 2; g++) {
                    int l = 16 * g;
                    ByteVector qlA = ByteVector.fromMemorySegment(Simd.B16, w, p + 64 * h + l, Le.ORDER);
                    ByteVector qlB = ByteVector.fromMemorySegment(Simd.B16, w, p + 64 * h + 32 + l, Le.ORDER);
                    ByteVector qh = ByteVector.fromMemorySegment(Simd.B16, w, p + 128 + 32 * h + l, Le.ORDER);
                    long sc = p + 192 + 8 * h + g;
                    int e = qa + 128 * h + l;
                    sumi = scaled(qlA.and((byte) 0x0F), qh, 0, a.quants, e, Le.s8(w, sc), sumi);
                    sumi = scaled(qlB.and((byte) 0x0F), qh, 2, a.quants, e + 32, Le.s8(w, sc + 2), sumi);
                    sumi = scaled(qlA.lanewise(VectorOperators.LSHR, 4), qh, 4, a.quants, e + 64, Le.s8(w, sc + 4), sumi);
                    sumi = scaled(qlB.lanewise(VectorOperators.LSHR, 4), qh, 6, a.quants, e + 96, Le.s8(w, sc + 6), sumi);
                }
            }
            float d = a.scales[t * nb + b] * Le.half(w, p + 208);
            acc = ((FloatVector) sumi.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(Simd.F, d), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /** acc + scale * (16 six-bit quants built from nibbles and 2 high bits at {@code shift}) . activations. */
    private static IntVector scaled(ByteVector nib, ByteVector qh, int shift, int[] a, int aOff, int scale, IntVector acc) {
        ByteVector q = nib.or(qh.lanewise(VectorOperators.LSHR, shift).and((byte) 3).lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
        return acc.add(Simd.mulAdd16(q, a, aOff, IntVector.zero(Simd.I)).mul(scale));
    }
}
