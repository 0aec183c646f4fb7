package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
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
        float sum = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            int sumi = scaledSum(w, p, a.quants, t * a.cols() + b * BLOCK, 0) + scaledSum(w, p, a.quants, t * a.cols() + b * BLOCK, 1);
            sum += a.scales[t * nb + b] * Le.half(w, p + 208) * sumi;
        }
        return sum;
    }

    /**
     * Exact sum of scale * (quants . activation quants) over half h (128 weights) of the super-block at p, so the
     * SIMD dot equals the scalar reference bit for bit. Position l of the half: byte l of ql gives weights l (low
     * nibble) and l+64 (high), byte l+32 gives l+32 and l+96, and qh[l] holds their top bits at shifts 0, 4, 2, 6.
     */
    private static int scaledSum(MemorySegment w, long p, int[] qa, int e0, int h) {
        IntVector sumi = IntVector.zero(Simd.I);
        long scales = w.get(Le.LONG, p + 192 + 8 * h); // scale of weights 16g.. is byte g (signed)
        for (int c = 0; c < 32; c += Simd.QLEN) {
            ByteVector qlA = ByteVector.fromMemorySegment(Simd.QB, w, p + 64 * h + c, Le.ORDER);
            ByteVector qlB = ByteVector.fromMemorySegment(Simd.QB, w, p + 64 * h + 32 + c, Le.ORDER);
            ByteVector qh = ByteVector.fromMemorySegment(Simd.QB, w, p + 128 + 32 * h + c, Le.ORDER);
            ByteVector q0 = qlA.and((byte) 0x0F).or(qh.and((byte) 3).lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
            ByteVector q1 = qlB.and((byte) 0x0F).or(qh.and((byte) 0x0C).lanewise(VectorOperators.LSHL, 2)).sub((byte) 32);
            ByteVector q2 = qlA.lanewise(VectorOperators.LSHR, 4).or(qh.and((byte) 0x30)).sub((byte) 32);
            ByteVector q3 = qlB.lanewise(VectorOperators.LSHR, 4).or(qh.lanewise(VectorOperators.LSHR, 2).and((byte) 0x30)).sub((byte) 32);
            IntVector s0 = IntVector.zero(Simd.I), s1 = s0, s2 = s0, s3 = s0;
            for (int part = 0; part < Simd.PARTS; part++) {
                int i = e0 + 128 * h + c + part * Simd.I.length();
                s0 = s0.add(((IntVector) q0.convertShape(VectorOperators.B2I, Simd.I, part)).mul(IntVector.fromArray(Simd.I, qa, i)));
                s1 = s1.add(((IntVector) q1.convertShape(VectorOperators.B2I, Simd.I, part)).mul(IntVector.fromArray(Simd.I, qa, i + 32)));
                s2 = s2.add(((IntVector) q2.convertShape(VectorOperators.B2I, Simd.I, part)).mul(IntVector.fromArray(Simd.I, qa, i + 64)));
                s3 = s3.add(((IntVector) q3.convertShape(VectorOperators.B2I, Simd.I, part)).mul(IntVector.fromArray(Simd.I, qa, i + 96)));
            }
            // A load never straddles two 16-weight scale groups (QLEN is 8 or 16).
            int g = 8 * (c / 16);
            sumi = sumi.add(s0.mul((byte) (scales >>> g))).add(s1.mul((byte) (scales >>> g + 16)))
                    .add(s2.mul((byte) (scales >>> g + 32))).add(s3.mul((byte) (scales >>> g + 48)));
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
            int e = t * cols + b * BLOCK;
            long s01 = scaledSum2(w, p, a.quants, e, e + cols);
            long s23 = scaledSum2(w, p, a.quants, e + 2 * cols, e + 3 * cols);
            float dw = Le.half(w, p + 208);
            sum0 += a.scales[t * nb + b] * dw * (int) s01;
            sum1 += a.scales[(t + 1) * nb + b] * dw * (int) (s01 >> 32);
            sum2 += a.scales[(t + 2) * nb + b] * dw * (int) s23;
            sum3 += a.scales[(t + 3) * nb + b] * dw * (int) (s23 >> 32);
        }
        out[outOff] = sum0;
        out[outOff + stride] = sum1;
        out[outOff + 2 * stride] = sum2;
        out[outOff + 3 * stride] = sum3;
    }

    /** {@link #scaledSum} over both halves for two tokens at once (quants decoded once), packed low | high << 32. */
    private static long scaledSum2(MemorySegment w, long p, int[] qa, int eA, int eB) {
        IntVector sumA = IntVector.zero(Simd.I), sumB = sumA;
        for (int h = 0; h < 2; h++) {
            long scales = w.get(Le.LONG, p + 192 + 8 * h);
            for (int c = 0; c < 32; c += Simd.QLEN) {
                ByteVector qlA = ByteVector.fromMemorySegment(Simd.QB, w, p + 64 * h + c, Le.ORDER);
                ByteVector qlB = ByteVector.fromMemorySegment(Simd.QB, w, p + 64 * h + 32 + c, Le.ORDER);
                ByteVector qh = ByteVector.fromMemorySegment(Simd.QB, w, p + 128 + 32 * h + c, Le.ORDER);
                ByteVector q0 = qlA.and((byte) 0x0F).or(qh.and((byte) 3).lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
                ByteVector q1 = qlB.and((byte) 0x0F).or(qh.and((byte) 0x0C).lanewise(VectorOperators.LSHL, 2)).sub((byte) 32);
                ByteVector q2 = qlA.lanewise(VectorOperators.LSHR, 4).or(qh.and((byte) 0x30)).sub((byte) 32);
                ByteVector q3 = qlB.lanewise(VectorOperators.LSHR, 4).or(qh.lanewise(VectorOperators.LSHR, 2).and((byte) 0x30)).sub((byte) 32);
                int g = 8 * (c / 16);
                int sc0 = (byte) (scales >>> g), sc1 = (byte) (scales >>> g + 16), sc2 = (byte) (scales >>> g + 32), sc3 = (byte) (scales >>> g + 48);
                for (int part = 0; part < Simd.PARTS; part++) {
                    int i = 128 * h + c + part * Simd.I.length();
                    IntVector v0 = ((IntVector) q0.convertShape(VectorOperators.B2I, Simd.I, part)).mul(sc0);
                    IntVector v1 = ((IntVector) q1.convertShape(VectorOperators.B2I, Simd.I, part)).mul(sc1);
                    IntVector v2 = ((IntVector) q2.convertShape(VectorOperators.B2I, Simd.I, part)).mul(sc2);
                    IntVector v3 = ((IntVector) q3.convertShape(VectorOperators.B2I, Simd.I, part)).mul(sc3);
                    sumA = sumA.add(v0.mul(IntVector.fromArray(Simd.I, qa, eA + i))).add(v1.mul(IntVector.fromArray(Simd.I, qa, eA + i + 32)))
                            .add(v2.mul(IntVector.fromArray(Simd.I, qa, eA + i + 64))).add(v3.mul(IntVector.fromArray(Simd.I, qa, eA + i + 96)));
                    sumB = sumB.add(v0.mul(IntVector.fromArray(Simd.I, qa, eB + i))).add(v1.mul(IntVector.fromArray(Simd.I, qa, eB + i + 32)))
                            .add(v2.mul(IntVector.fromArray(Simd.I, qa, eB + i + 64))).add(v3.mul(IntVector.fromArray(Simd.I, qa, eB + i + 96)));
                }
            }
        }
        return (sumA.reduceLanes(VectorOperators.ADD) & 0xFFFFFFFFL) | (long) sumB.reduceLanes(VectorOperators.ADD) << 32;
    }
}
