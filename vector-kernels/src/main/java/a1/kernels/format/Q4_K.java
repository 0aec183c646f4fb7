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

    /**
     * ggml (at the golden commit) does not repack Q4_K and computes every shape and batch with {@link #dot}'s
     * order; the "other kernel" here is A1's own regrouped copy ({@link Q4_KGroups}) in that same order, so
     * {@link #dotAlt} is {@link #dot} and this only routes whole groups of rows through the copy.
     */
    @Override
    public boolean altKernel(int rows, int cols, int tokens) {
        return rows >= Q4_KGroups.ROWS;
    }

    @Override
    public RowGroups regroup(MemorySegment data, int rows, int cols) {
        return Simd.ENABLED ? Q4_KGroups.of(data, rows, cols) : null;
    }

    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int nb = a.cols() / BLOCK;
        int[] pos = new int[KLanes.POSITIONS];
        float[] acc = new float[8], accm = new float[4];
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            long sl = KScales.low(w, p + 4);
            int sh = KScales.high(w, p + 4);
            long scl = KScales.scales(sl, sh), mns = KScales.mins(sl, sh);
            int qa = t * a.cols() + b * BLOCK;
            java.util.Arrays.fill(pos, 0);
            for (int c = 0; c < 4; c++) {
                int scLo = KScales.get(scl, 2 * c), scHi = KScales.get(scl, 2 * c + 1);
                for (int l = 0; l < 32; l++) {
                    int v = Le.u8(w, p + 16 + 32 * c + l);
                    pos[l] += scLo * ((v & 0xF) * a.quants[qa + 64 * c + l]) + scHi * ((v >>> 4) * a.quants[qa + 64 * c + 32 + l]);
                }
            }
            float ya = a.scales[t * nb + b];
            KLanes.accumulate(ya * Le.half(w, p), pos, acc);
            KLanes.accumulateMins(-ya * Le.half(w, p + 2), mns, a, t, b, accm);
        }
        return KLanes.hsum(acc) + KLanes.hsum4(accm);
    }

    /** {@link #dotScalar} with the per-position integer sums in vectors. */
    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        if (!Simd.ENABLED) return dotScalar(w, off, a, t);
        int nb = a.cols() / BLOCK;
        int[] pos = new int[KLanes.POSITIONS];
        float[] acc = new float[8], accm = new float[4];
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            long sl = KScales.low(w, p + 4);
            int sh = KScales.high(w, p + 4);
            positionSums(w, p, KScales.scales(sl, sh), a.quants, t * a.cols() + b * BLOCK, pos);
            float ya = a.scales[t * nb + b];
            KLanes.accumulate(ya * Le.half(w, p), pos, acc);
            KLanes.accumulateMins(-ya * Le.half(w, p + 2), KScales.mins(sl, sh), a, t, b, accm);
        }
        return KLanes.hsum(acc) + KLanes.hsum4(accm);
    }

    /** pos[l] = sum over the four 64-weight chunks of scale * q * activation at positions l and l+32 of the chunk. */
    private static void positionSums(MemorySegment w, long p, long scl, int[] qa, int e0, int[] pos) {
        for (int c = 0; c < 32; c += Simd.QLEN) {
            for (int part = 0; part < Simd.PARTS; part++) {
                int l = c + part * Simd.I.length();
                IntVector sum = IntVector.zero(Simd.I);
                for (int chunk = 0; chunk < 4; chunk++) {
                    ByteVector raw = ByteVector.fromMemorySegment(Simd.QB, w, p + 16 + 32 * chunk + c, Le.ORDER);
                    IntVector x = (IntVector) raw.convertShape(VectorOperators.B2I, Simd.I, part); // nibbles split after widening
                    int i = e0 + 64 * chunk + l;
                    sum = sum.add(x.and(0xF).mul(IntVector.fromArray(Simd.I, qa, i)).mul(KScales.get(scl, 2 * chunk)))
                            .add(x.lanewise(VectorOperators.ASHR, 4).and(0xF).mul(IntVector.fromArray(Simd.I, qa, i + 32)).mul(KScales.get(scl, 2 * chunk + 1)));
                }
                sum.intoArray(pos, l);
            }
        }
    }
}
