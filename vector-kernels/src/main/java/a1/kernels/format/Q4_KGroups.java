package a1.kernels.format;

import static jdk.incubator.vector.VectorOperators.B2F;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.S2F;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q4_K regrouped {@link #ROWS} rows to a group, one 16-bit lane per row, computed in {@link Q4_K#dot}'s order
 * (ggml's AVX2 vec_dot: eight float lanes per row, lane m the integer sum over positions 4m..4m+3 of every
 * 32-weight sub-block times its scale). Per super-block a group holds its rows' F16 d, F16 dmin, the 6-bit scales
 * and mins unpacked to one byte each, then 64 slices, slice 8m+j lane r holding the four nibbles at positions
 * 4m..4m+3 of row r's sub-block j (bits 0-3 the first). A slice's four products sum exactly in 16 bits
 * (|sum| <= 4*15*127); the sums are then scaled and added per lane m in floats, which is exact too: every partial
 * sum is an integer below 2^24 (at most 8*63*7620), so the float lane sum is the integer ggml converts. The float
 * steps that round (fused multiply-adds into the lanes, the final lane sums) are done in ggml's order, per row.
 */
final class Q4_KGroups implements RowGroups {
    private static final VectorSpecies<Short> S = GroupLanes.S;
    private static final VectorSpecies<Float> F = GroupLanes.F;
    static final int ROWS = GroupLanes.ROWS;
    private static final int HALF = GroupLanes.HALF;
    private static final VectorSpecies<Byte> B = GroupLanes.B;
    private static final long SLICE = GroupLanes.SLICE;
    private static final long SCALES = 4L * ROWS, MINS = 12L * ROWS, QUANTS = 20L * ROWS;
    /** Bytes of one super-block of a group: d, dmin, 8 scales, 8 mins and 64 slices per row. */
    private static final long BLOCK_BYTES = QUANTS + 64 * SLICE;
    /** Per-thread scratch: the rows' 8 lane sums, 4 min sums, 8 float scales and the scaled d. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[21 * ROWS]);
    private static final int ACC = 0, ACCM = 8 * ROWS, SC = 12 * ROWS, D = 20 * ROWS;

    private final MemorySegment data;
    private final int groups;
    private final int blocks;

    private Q4_KGroups(MemorySegment data, int groups, int blocks) {
        this.data = data;
        this.groups = groups;
        this.blocks = blocks;
    }

    /** Regroups the whole groups of rows of {@code src} (GGUF Q4_K rows of {@code cols}), or null if there are none. */
    static Q4_KGroups of(MemorySegment src, int rows, int cols) {
        int groups = rows / ROWS;
        if (groups == 0) return null;
        int blocks = cols / Q4_K.BLOCK;
        long rowBytes = (long) blocks * Q4_K.BYTES;
        Q4_KGroups q = new Q4_KGroups(Arena.ofAuto().allocate(groups * blocks * BLOCK_BYTES, 64), groups, blocks);
        MemorySegment dst = q.data;
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < ROWS; i++) {
                for (int b = 0; b < blocks; b++) {
                    long s = (g * ROWS + i) * rowBytes + (long) b * Q4_K.BYTES;
                    long o = q.block(g, b);
                    dst.set(Le.SHORT, o + 2L * i, src.get(Le.SHORT, s));
                    dst.set(Le.SHORT, o + 2L * ROWS + 2L * i, src.get(Le.SHORT, s + 2));
                    long sl = KScales.low(src, s + 4);
                    int sh = KScales.high(src, s + 4);
                    long scl = KScales.scales(sl, sh), mns = KScales.mins(sl, sh);
                    for (int j = 0; j < 8; j++) {
                        dst.set(java.lang.foreign.ValueLayout.JAVA_BYTE, o + SCALES + (long) j * ROWS + i, (byte) KScales.get(scl, j));
                        dst.set(java.lang.foreign.ValueLayout.JAVA_BYTE, o + MINS + (long) j * ROWS + i, (byte) KScales.get(mns, j));
                        for (int m = 0; m < 8; m++) {
                            int lane = 0;
                            for (int k = 0; k < 4; k++) lane |= nibble(src, s + 16, 32 * j + 4 * m + k) << (4 * k);
                            dst.set(Le.SHORT, o + QUANTS + (8 * m + j) * SLICE + 2L * i, (short) lane);
                        }
                    }
                }
            }
        }
        return q;
    }

    /** Nibble of weight e (0..255) of a super-block whose quants start at byte q: sub-block 2c low, 2c+1 high. */
    private static int nibble(MemorySegment src, long q, int e) {
        int v = Le.u8(src, q + 32 * (e / 64) + e % 32);
        return (e / 32) % 2 == 0 ? v & 0xF : v >>> 4;
    }

    private long block(int g, int b) {
        return (g * (long) blocks + b) * BLOCK_BYTES;
    }

    @Override
    public int rowsPerGroup() {
        return ROWS;
    }

    @Override
    public int groups() {
        return groups;
    }

    @Override
    public void apply(int from, int to, Activations a, float[] out, int outOffset, int rows) {
        float[] w = SCRATCH.get();
        short[] qa = GroupLanes.shortQuants(a);
        for (int g = from; g < to; g++) {
            for (int t = 0; t < a.tokens(); t++) {
                java.util.Arrays.fill(w, ACC, SC, 0f);
                for (int b = 0; b < blocks; b++) {
                    prepare(block(g, b), a, t, b, w);
                    lanes(block(g, b) + QUANTS, qa, t * a.cols() + b * Q4_K.BLOCK, w);
                }
                finish(w, out, outOffset + t * rows + g * ROWS);
            }
        }
    }

    /**
     * Widens the super-block's scales to floats, sets d = token scale * row d, and fuses the min term into the
     * four min lanes as {@link KLanes#accumulateMins} does (the products of mins and 32-quant sums are exact).
     */
    private void prepare(long p, Activations a, int t, int b, float[] w) {
        float ya = a.scales[t * blocks + b];
        for (int h = 0; h < 2; h++) {
            FloatVector d = Simd.halfToFloat(ShortVector.fromMemorySegment(Simd.S, data, p + 2L * h * HALF, Le.ORDER));
            d.mul(ya).intoArray(w, D + h * HALF);
        }
        for (int j = 0; j < 8; j++) {
            ByteVector sc = ByteVector.fromMemorySegment(B, data, p + SCALES + (long) j * ROWS, Le.ORDER);
            for (int h = 0; h < 2; h++) ((FloatVector) sc.convertShape(B2F, F, h)).intoArray(w, SC + j * ROWS + h * HALF);
        }
        int gs = t * (a.cols() / Q8_K.GROUP) + b * 8;
        for (int h = 0; h < 2; h++) {
            FloatVector dmin = Simd.halfToFloat(ShortVector.fromMemorySegment(Simd.S, data, p + 2L * ROWS + 2L * h * HALF, Le.ORDER)).mul(-ya);
            for (int i = 0; i < 4; i++) {
                FloatVector m0 = (FloatVector) ByteVector.fromMemorySegment(B, data, p + MINS + (long) (2 * i) * ROWS, Le.ORDER).convertShape(B2F, F, h);
                FloatVector m1 = (FloatVector) ByteVector.fromMemorySegment(B, data, p + MINS + (long) (2 * i + 1) * ROWS, Le.ORDER).convertShape(B2F, F, h);
                FloatVector prod = m1.fma(FloatVector.broadcast(F, a.groupSums[gs + 2 * i + 1]), m0.mul(a.groupSums[gs + 2 * i]));
                int o = ACCM + i * ROWS + h * HALF;
                prod.fma(dmin, FloatVector.fromArray(F, w, o)).intoArray(w, o);
            }
        }
    }

    /** For each lane m: the exact scaled integer sum over the 8 sub-blocks, fused into the lane as d * sum + lane. */
    private void lanes(long p, short[] qa, int e0, float[] w) {
        for (int m = 0; m < 8; m++) {
            FloatVector lo = FloatVector.zero(F), hi = lo;
            for (int j = 0; j < 8; j++) {
                ShortVector v = ShortVector.fromMemorySegment(S, data, p + (8 * m + j) * SLICE, Le.ORDER);
                int e = e0 + 32 * j + 4 * m;
                ShortVector s = v.and((short) 0xF).mul(qa[e]).add(v.lanewise(LSHR, 4).and((short) 0xF).mul(qa[e + 1]))
                        .add(v.lanewise(LSHR, 8).and((short) 0xF).mul(qa[e + 2]).add(v.lanewise(LSHR, 12).mul(qa[e + 3])));
                lo = ((FloatVector) s.convertShape(S2F, F, 0)).fma(FloatVector.fromArray(F, w, SC + j * ROWS), lo);
                hi = ((FloatVector) s.convertShape(S2F, F, 1)).fma(FloatVector.fromArray(F, w, SC + j * ROWS + HALF), hi);
            }
            int o = ACC + m * ROWS;
            lo.fma(FloatVector.fromArray(F, w, D), FloatVector.fromArray(F, w, o)).intoArray(w, o);
            hi.fma(FloatVector.fromArray(F, w, D + HALF), FloatVector.fromArray(F, w, o + HALF)).intoArray(w, o + HALF);
        }
    }

    /** Per row: hsum_float_8 of the eight lanes plus ((min lanes 0+2) + (1+3)), as {@link Q4_K#dot} ends. */
    private static void finish(float[] w, float[] out, int o) {
        for (int h = 0; h < ROWS; h += HALF) {
            FloatVector mins = GroupLanes.lane(w, ACCM, 0, h).add(GroupLanes.lane(w, ACCM, 2, h))
                    .add(GroupLanes.lane(w, ACCM, 1, h).add(GroupLanes.lane(w, ACCM, 3, h)));
            GroupLanes.hsum8(w, ACC, h).add(mins).intoArray(out, o + h);
        }
    }
}
