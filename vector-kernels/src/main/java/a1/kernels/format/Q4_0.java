package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
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

    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        float sum = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            int qa = base + b * BLOCK;
            int sumi = 0;
            for (int j = 0; j < 16; j++) {
                int v = Le.u8(w, p + 2 + j);
                sumi += ((v & 0xF) - 8) * a.quants[qa + j] + ((v >>> 4) - 8) * a.quants[qa + j + 16];
            }
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
            IntVector s = IntVector.zero(Simd.I);
            for (int c = 0; c < 16; c += Simd.QLEN) {
                ByteVector raw = ByteVector.fromMemorySegment(Simd.QB, w, p + 2 + c, Le.ORDER);
                for (int part = 0; part < Simd.PARTS; part++) { // low nibbles are elements 0-15, high nibbles 16-31
                    // Split nibbles after widening: one conversion serves both halves, and int shifts are native.
                    IntVector x = (IntVector) raw.convertShape(VectorOperators.B2I, Simd.I, part);
                    int i = base + b * BLOCK + c + part * Simd.I.length();
                    s = s.add(x.and(0xF).sub(8).mul(IntVector.fromArray(Simd.I, qa, i)));
                    s = s.add(x.lanewise(VectorOperators.ASHR, 4).and(0xF).sub(8).mul(IntVector.fromArray(Simd.I, qa, i + 16)));
                }
            }
            float d = Le.half(w, p) * a.scales[t * nb + b];
            acc = ((FloatVector) s.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(Simd.F, d), acc);
        }
        return Simd.sum(acc);
    }

    @Override
    public void dot4(MemorySegment w, long off, Activations a, int t, float[] out, int outOff, int stride) {
        if (!Simd.ENABLED) {
            WeightFormat.super.dot4(w, off, a, t, out, outOff, stride);
            return;
        }
        int cols = a.cols(), nb = cols / BLOCK;
        int[] qa = a.quants;
        float[] sc = a.scales;
        FloatVector acc0 = FloatVector.zero(Simd.F), acc1 = acc0, acc2 = acc0, acc3 = acc0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            IntVector s0 = IntVector.zero(Simd.I), s1 = s0, s2 = s0, s3 = s0;
            for (int c = 0; c < 16; c += Simd.QLEN) {
                ByteVector raw = ByteVector.fromMemorySegment(Simd.QB, w, p + 2 + c, Le.ORDER);
                for (int part = 0; part < Simd.PARTS; part++) {
                    IntVector x = (IntVector) raw.convertShape(VectorOperators.B2I, Simd.I, part);
                    IntVector l = x.and(0xF).sub(8), h = x.lanewise(VectorOperators.ASHR, 4).and(0xF).sub(8);
                    int i = t * cols + b * BLOCK + c + part * Simd.I.length();
                    s0 = s0.add(l.mul(IntVector.fromArray(Simd.I, qa, i))).add(h.mul(IntVector.fromArray(Simd.I, qa, i + 16)));
                    s1 = s1.add(l.mul(IntVector.fromArray(Simd.I, qa, i + cols))).add(h.mul(IntVector.fromArray(Simd.I, qa, i + cols + 16)));
                    s2 = s2.add(l.mul(IntVector.fromArray(Simd.I, qa, i + 2 * cols))).add(h.mul(IntVector.fromArray(Simd.I, qa, i + 2 * cols + 16)));
                    s3 = s3.add(l.mul(IntVector.fromArray(Simd.I, qa, i + 3 * cols))).add(h.mul(IntVector.fromArray(Simd.I, qa, i + 3 * cols + 16)));
                }
            }
            float dw = Le.half(w, p);
            int k = t * nb + b;
            acc0 = ((FloatVector) s0.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(Simd.F, dw * sc[k]), acc0);
            acc1 = ((FloatVector) s1.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(Simd.F, dw * sc[k + nb]), acc1);
            acc2 = ((FloatVector) s2.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(Simd.F, dw * sc[k + 2 * nb]), acc2);
            acc3 = ((FloatVector) s3.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(Simd.F, dw * sc[k + 3 * nb]), acc3);
        }
        // Simd.sum's lane order, written out: this method is too big for C2 to inline a helper taking vectors.
        float r0 = acc0.lane(0), r1 = acc1.lane(0), r2 = acc2.lane(0), r3 = acc3.lane(0);
        for (int j = 1; j < Simd.F.length(); j++) {
            r0 += acc0.lane(j);
            r1 += acc1.lane(j);
            r2 += acc2.lane(j);
            r3 += acc3.lane(j);
        }
        out[outOff] = r0;
        out[outOff + stride] = r1;
        out[outOff + 2 * stride] = r2;
        out[outOff + 3 * stride] = r3;
    }
}
