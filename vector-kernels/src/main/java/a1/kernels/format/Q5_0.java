package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q5_0: 32 weights per 22-byte block: F16 scale, 32 high bits (bit j = element j), 16 bytes of low nibbles;
 * value = d * ((nibble | high << 4) - 16). Dotted with Q8_0 activations.
 */
public final class Q5_0 implements WeightFormat {
    public static final Q5_0 INSTANCE = new Q5_0();
    static final int BLOCK = 32;
    static final int BYTES = 22;
    private static final IntVector LANE = IntVector.zero(Simd.I).addIndex(1);

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

    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        float sum = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            int qh = w.get(Le.INT, p + 2);
            int sumi = 0;
            for (int j = 0; j < BLOCK; j++) sumi += quant(Le.u8(w, p + 6 + (j & 15)), qh, j) * a.quants[base + b * BLOCK + j];
            sum += sumi * (Le.half(w, p) * a.scales[t * nb + b]);
        }
        return sum;
    }

    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        if (!Simd.ENABLED) return dotScalar(w, off, a, t);
        int nb = a.cols() / BLOCK;
        int[] qa = a.quants;
        int base = t * a.cols();
        FloatVector acc = FloatVector.zero(Simd.F);
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            int qh = w.get(Le.INT, p + 2);
            IntVector s = IntVector.zero(Simd.I);
            for (int c = 0; c < 16; c += Simd.QLEN) {
                ByteVector raw = ByteVector.fromMemorySegment(Simd.QB, w, p + 6 + c, Le.ORDER);
                for (int half = 0; half < 2; half++) {
                    ByteVector nib = raw.lanewise(VectorOperators.LSHR, 4 * half).and((byte) 0x0F);
                    for (int part = 0; part < Simd.PARTS; part++) {
                        int e = 16 * half + c + part * Simd.I.length();
                        // Lane i takes bit e+i of the high-bit word as its fifth bit.
                        IntVector high = IntVector.broadcast(Simd.I, qh >>> e).lanewise(VectorOperators.LSHR, LANE).and(1).lanewise(VectorOperators.LSHL, 4);
                        IntVector qi = ((IntVector) nib.convertShape(VectorOperators.B2I, Simd.I, part)).or(high).sub(16);
                        s = s.add(qi.mul(IntVector.fromArray(Simd.I, qa, base + b * BLOCK + e)));
                    }
                }
            }
            float d = Le.half(w, p) * a.scales[t * nb + b];
            acc = ((FloatVector) s.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(Simd.F, d), acc);
        }
        return Simd.sum(acc);
    }
}
