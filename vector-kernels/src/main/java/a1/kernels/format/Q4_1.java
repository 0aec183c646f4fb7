package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

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

    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        float sum = 0;
        float mins = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            int qa = base + b * BLOCK;
            int sumi = 0;
            for (int j = 0; j < 16; j++) {
                int v = Le.u8(w, p + 4 + j);
                sumi += (v & 0xF) * a.quants[qa + j] + (v >>> 4) * a.quants[qa + j + 16];
            }
            sum += sumi * (Le.half(w, p) * a.scales[t * nb + b]);
            mins += Le.half(w, p + 2) * a.sums[t * nb + b];
        }
        return sum + mins;
    }

    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        if (!Simd.ENABLED) return dotScalar(w, off, a, t);
        int nb = a.cols() / BLOCK;
        int[] qa = a.quants;
        int base = t * a.cols();
        FloatVector acc = FloatVector.zero(Simd.F);
        float mins = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            IntVector s = IntVector.zero(Simd.I);
            for (int c = 0; c < 16; c += Simd.QLEN) {
                ByteVector raw = ByteVector.fromMemorySegment(Simd.QB, w, p + 4 + c, Le.ORDER);
                for (int part = 0; part < Simd.PARTS; part++) { // low nibbles are elements 0-15, high nibbles 16-31
                    IntVector x = (IntVector) raw.convertShape(VectorOperators.B2I, Simd.I, part);
                    int i = base + b * BLOCK + c + part * Simd.I.length();
                    s = s.add(x.and(0xF).mul(IntVector.fromArray(Simd.I, qa, i)));
                    s = s.add(x.lanewise(VectorOperators.ASHR, 4).and(0xF).mul(IntVector.fromArray(Simd.I, qa, i + 16)));
                }
            }
            float d = Le.half(w, p) * a.scales[t * nb + b];
            mins += Le.half(w, p + 2) * a.sums[t * nb + b];
            acc = ((FloatVector) s.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(Simd.F, d), acc);
        }
        return Simd.sum(acc) + mins;
    }
}
