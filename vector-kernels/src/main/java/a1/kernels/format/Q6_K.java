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
    static int quant(MemorySegment s, long p, int h, int l, int k) {
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

    /**
     * ggml (at the golden commit) does not repack Q6_K and computes every shape and batch with {@link #dot}'s
     * order; the "other kernel" here is A1's own regrouped copy ({@link Q6_KGroups}) in that same order, so
     * {@link #dotAlt} is {@link #dot} and this only routes whole groups of rows through the copy.
     */
    @Override
    public boolean altKernel(int rows, int cols, int tokens) {
        return rows >= Q6_KGroups.ROWS;
    }

    @Override
    public RowGroups regroup(MemorySegment data, int rows, int cols) {
        return Simd.ENABLED ? Q6_KGroups.of(data, rows, cols) : null;
    }

    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int nb = a.cols() / BLOCK;
        int[] pos = new int[KLanes.POSITIONS];
        float[] acc = new float[8];
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            int qa = t * a.cols() + b * BLOCK;
            java.util.Arrays.fill(pos, 0);
            for (int h = 0; h < 2; h++) {
                for (int k = 0; k < 4; k++) {
                    for (int l = 0; l < 32; l++) {
                        int sc = Le.s8(w, p + 192 + 8 * h + l / 16 + 2 * k);
                        pos[l] += sc * (quant(w, p, h, l, k) * a.quants[qa + 128 * h + 32 * k + l]);
                    }
                }
            }
            KLanes.accumulate(a.scales[t * nb + b] * Le.half(w, p + 208), pos, acc);
        }
        return KLanes.hsum(acc);
    }

    /** {@link #dotScalar} with the per-position integer sums in vectors. */
    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        if (!Simd.ENABLED) return dotScalar(w, off, a, t);
        int nb = a.cols() / BLOCK;
        int[] pos = new int[KLanes.POSITIONS];
        float[] acc = new float[8];
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            positionSums(w, p, a.quants, t * a.cols() + b * BLOCK, pos);
            KLanes.accumulate(a.scales[t * nb + b] * Le.half(w, p + 208), pos, acc);
        }
        return KLanes.hsum(acc);
    }

    /**
     * pos[l] = sum over both halves and the four quants k of scale * (q - 32) * activation at 128h + 32k + l.
     * Position l of a half: byte l of ql gives quants k=0 (low nibble) and 2 (high), byte l+32 gives k=1 and 3,
     * and qh[l] holds their top bits at shifts 0, 4, 2, 6. A load never straddles two 16-weight scale groups.
     */
    private static void positionSums(MemorySegment w, long p, int[] qa, int e0, int[] pos) {
        for (int c = 0; c < 32; c += Simd.QLEN) {
            for (int part = 0; part < Simd.PARTS; part++) {
                int l = c + part * Simd.I.length();
                IntVector sum = IntVector.zero(Simd.I);
                for (int h = 0; h < 2; h++) {
                    ByteVector qlA = ByteVector.fromMemorySegment(Simd.QB, w, p + 64 * h + c, Le.ORDER);
                    ByteVector qlB = ByteVector.fromMemorySegment(Simd.QB, w, p + 64 * h + 32 + c, Le.ORDER);
                    ByteVector qh = ByteVector.fromMemorySegment(Simd.QB, w, p + 128 + 32 * h + c, Le.ORDER);
                    ByteVector q0 = qlA.and((byte) 0x0F).or(qh.and((byte) 3).lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
                    ByteVector q1 = qlB.and((byte) 0x0F).or(qh.and((byte) 0x0C).lanewise(VectorOperators.LSHL, 2)).sub((byte) 32);
                    ByteVector q2 = qlA.lanewise(VectorOperators.LSHR, 4).or(qh.and((byte) 0x30)).sub((byte) 32);
                    ByteVector q3 = qlB.lanewise(VectorOperators.LSHR, 4).or(qh.lanewise(VectorOperators.LSHR, 2).and((byte) 0x30)).sub((byte) 32);
                    long sc = p + 192 + 8 * h + c / 16;
                    int i = e0 + 128 * h + l;
                    sum = sum.add(((IntVector) q0.convertShape(VectorOperators.B2I, Simd.I, part)).mul(IntVector.fromArray(Simd.I, qa, i)).mul(Le.s8(w, sc)))
                            .add(((IntVector) q1.convertShape(VectorOperators.B2I, Simd.I, part)).mul(IntVector.fromArray(Simd.I, qa, i + 32)).mul(Le.s8(w, sc + 2)))
                            .add(((IntVector) q2.convertShape(VectorOperators.B2I, Simd.I, part)).mul(IntVector.fromArray(Simd.I, qa, i + 64)).mul(Le.s8(w, sc + 4)))
                            .add(((IntVector) q3.convertShape(VectorOperators.B2I, Simd.I, part)).mul(IntVector.fromArray(Simd.I, qa, i + 96)).mul(Le.s8(w, sc + 6)));
                }
                sum.intoArray(pos, l);
            }
        }
    }
}
