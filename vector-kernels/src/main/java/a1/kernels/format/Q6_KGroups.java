package a1.kernels.format;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.B2F;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.S2F;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q6_K regrouped {@link #ROWS} rows to a group, one 16-bit lane per row, computed in {@link Q6_K#dot}'s order
 * (ggml's AVX2 vec_dot: eight float lanes per row, lane m the integer sum over positions 4m..4m+3 of every
 * 32-weight run c = 0..7 times the scale of its 16 weights). Per super-block a group holds its rows' F16 d, the
 * 16 signed scales, then per lane m and pair of runs (c, c+1) three slices holding the eight weights q - 32 of
 * positions 4m..4m+3 as 6-bit two's complement, so that two shifts sign-extend one: slice A lane r holds row r's
 * v0 (bits 0-5), v1 (6-11) and v6's low nibble, B v2, v3 and v7's low nibble, C v4, v5 and the top two bits of
 * v6 (12-13) and v7 (14-15), where v0-v3 are run c's four weights and v4-v7 run c+1's. Same 6.5 bits per weight as
 * the GGUF block. A run's sum of four products fits 16 bits (|sum| <= 4*32*127); scaled and summed over the eight
 * runs in floats it stays an exact integer (|sum| <= 8*128*16256 < 2^24), so only the fused multiply-adds into the
 * lanes and the final lane sums round, in ggml's order per row.
 */
final class Q6_KGroups implements RowGroups {
    private static final VectorSpecies<Short> S = GroupLanes.S;
    private static final VectorSpecies<Float> F = GroupLanes.F;
    static final int ROWS = GroupLanes.ROWS;
    private static final int HALF = GroupLanes.HALF;
    private static final long SLICE = GroupLanes.SLICE;
    private static final long SCALES = 2L * ROWS, LANES = 18L * ROWS;
    /** Bytes of lane m's slices: three per pair of runs. */
    private static final long LANE_BYTES = 12 * SLICE;
    private static final long BLOCK_BYTES = LANES + 8 * LANE_BYTES;
    /** Per-thread scratch: the rows' 8 lane sums, 16 float scales and the scaled d. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[25 * ROWS]);
    private static final int ACC = 0, SC = 8 * ROWS, D = 24 * ROWS;

    private final MemorySegment data;
    private final int groups;
    private final int blocks;

    private Q6_KGroups(MemorySegment data, int groups, int blocks) {
        this.data = data;
        this.groups = groups;
        this.blocks = blocks;
    }

    /** Regroups the whole groups of rows of {@code src} (GGUF Q6_K rows of {@code cols}), or null if there are none. */
    static Q6_KGroups of(MemorySegment src, int rows, int cols) {
        int groups = rows / ROWS;
        if (groups == 0) return null;
        int blocks = cols / Q6_K.BLOCK;
        long rowBytes = (long) blocks * Q6_K.BYTES;
        Q6_KGroups q = new Q6_KGroups(Arena.ofAuto().allocate(groups * blocks * BLOCK_BYTES, 64), groups, blocks);
        MemorySegment dst = q.data;
        int[] v = new int[8];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < ROWS; i++) {
                for (int b = 0; b < blocks; b++) {
                    long s = (g * ROWS + i) * rowBytes + (long) b * Q6_K.BYTES;
                    long o = q.block(g, b);
                    dst.set(Le.SHORT, o + 2L * i, src.get(Le.SHORT, s + 208));
                    for (int j = 0; j < 16; j++) dst.set(ValueLayout.JAVA_BYTE, o + SCALES + (long) j * ROWS + i, Le.s8(src, s + 192 + j));
                    for (int m = 0; m < 8; m++) {
                        for (int c = 0; c < 8; c += 2) {
                            for (int k = 0; k < 4; k++) {
                                v[k] = Q6_K.quant(src, s, c / 4, 4 * m + k, c % 4) & 63;
                                v[4 + k] = Q6_K.quant(src, s, (c + 1) / 4, 4 * m + k, (c + 1) % 4) & 63;
                            }
                            long slices = o + LANES + m * LANE_BYTES + (c / 2) * 3 * SLICE + 2L * i;
                            dst.set(Le.SHORT, slices, (short) (v[0] | v[1] << 6 | (v[6] & 15) << 12));
                            dst.set(Le.SHORT, slices + SLICE, (short) (v[2] | v[3] << 6 | (v[7] & 15) << 12));
                            dst.set(Le.SHORT, slices + 2 * SLICE, (short) (v[4] | v[5] << 6 | (v[6] >> 4) << 12 | (v[7] >> 4) << 14));
                        }
                    }
                }
            }
        }
        return q;
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
                    prepare(block(g, b), a.scales[t * blocks + b], w);
                    lanes(block(g, b) + LANES, qa, t * a.cols() + b * Q6_K.BLOCK, w);
                }
                for (int h = 0; h < ROWS; h += HALF) GroupLanes.hsum8(w, ACC, h).intoArray(out, outOffset + t * rows + g * ROWS + h);
            }
        }
    }

    /** Widens the super-block's 16 scales to floats and sets d = token scale * row d. */
    private void prepare(long p, float ya, float[] w) {
        for (int h = 0; h < 2; h++) {
            FloatVector d = Simd.halfToFloat(ShortVector.fromMemorySegment(Simd.S, data, p + 2L * h * HALF, Le.ORDER));
            d.mul(ya).intoArray(w, D + h * HALF);
        }
        for (int j = 0; j < 16; j++) {
            ByteVector sc = ByteVector.fromMemorySegment(GroupLanes.B, data, p + SCALES + (long) j * ROWS, Le.ORDER);
            for (int h = 0; h < 2; h++) ((FloatVector) sc.convertShape(B2F, F, h)).intoArray(w, SC + j * ROWS + h * HALF);
        }
    }

    /**
     * For each lane m: the exact scaled integer sums of the eight runs, fused into the lane as d * sum + lane.
     * Run c's scale is number 2c + m/4 (lane m's positions lie in one 16-weight half of the run). The sign
     * extensions are written out: helper methods for them were left uninlined (C2's node count cutoff), and their
     * vectors boxed.
     */
    private void lanes(long p, short[] qa, int e0, float[] w) {
        for (int m = 0; m < 8; m++) {
            FloatVector lo = FloatVector.zero(F), hi = lo;
            long lane = p + m * LANE_BYTES;
            for (int c = 0; c < 8; c += 2) {
                long q = lane + (c / 2) * 3 * SLICE;
                ShortVector x = ShortVector.fromMemorySegment(S, data, q, Le.ORDER);
                ShortVector y = ShortVector.fromMemorySegment(S, data, q + SLICE, Le.ORDER);
                ShortVector z = ShortVector.fromMemorySegment(S, data, q + 2 * SLICE, Le.ORDER);
                int e = e0 + 32 * c + 4 * m;
                ShortVector s = x.lanewise(LSHL, 10).lanewise(ASHR, 10).mul(qa[e]).add(x.lanewise(LSHL, 4).lanewise(ASHR, 10).mul(qa[e + 1]))
                        .add(y.lanewise(LSHL, 10).lanewise(ASHR, 10).mul(qa[e + 2]).add(y.lanewise(LSHL, 4).lanewise(ASHR, 10).mul(qa[e + 3])));
                int sc = SC + (2 * c + m / 4) * ROWS;
                lo = ((FloatVector) s.convertShape(S2F, F, 0)).fma(FloatVector.fromArray(F, w, sc), lo);
                hi = ((FloatVector) s.convertShape(S2F, F, 1)).fma(FloatVector.fromArray(F, w, sc + HALF), hi);
                e += 32;
                ShortVector v6 = x.lanewise(LSHR, 12).add(z.lanewise(LSHL, 2).lanewise(ASHR, 14).lanewise(LSHL, 4));
                ShortVector v7 = y.lanewise(LSHR, 12).add(z.lanewise(ASHR, 14).lanewise(LSHL, 4));
                s = z.lanewise(LSHL, 10).lanewise(ASHR, 10).mul(qa[e]).add(z.lanewise(LSHL, 4).lanewise(ASHR, 10).mul(qa[e + 1]))
                        .add(v6.mul(qa[e + 2]).add(v7.mul(qa[e + 3])));
                sc += 2 * ROWS;
                lo = ((FloatVector) s.convertShape(S2F, F, 0)).fma(FloatVector.fromArray(F, w, sc), lo);
                hi = ((FloatVector) s.convertShape(S2F, F, 1)).fma(FloatVector.fromArray(F, w, sc + HALF), hi);
            }
            int o = ACC + m * ROWS;
            lo.fma(FloatVector.fromArray(F, w, D), FloatVector.fromArray(F, w, o)).intoArray(w, o);
            hi.fma(FloatVector.fromArray(F, w, D + HALF), FloatVector.fromArray(F, w, o + HALF)).intoArray(w, o + HALF);
        }
    }
}
