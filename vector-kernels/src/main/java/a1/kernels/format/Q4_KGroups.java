package a1.kernels.format;

import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q4_K regrouped {@link #ROWS} rows to a group, one 16-bit lane per row, computed in {@link Q4_K#dot}'s order
 * (ggml's AVX2 vec_dot: eight float lanes per row, lane m the integer sum over positions 4m..4m+3 of every
 * 32-weight sub-block times its scale). Per super-block a group holds its rows' F16 d and F16 dmin, one vector
 * per sub-block j with the rows' 6-bit scale and min (int lane i: bytes scale and min of rows i and HALF + i), then
 * 64 slices, a slice holding for lane m of sub-block j the four nibbles at positions 4m..4m+3 of every row (bits
 * 0-3 the first; rows in {@link GroupLanes#slot} order). A slice's four products sum exactly in 16 bits
 * (|sum| <= 4*15*127); the sums are then scaled and added per lane m in floats, which is exact too: every partial
 * sum is an integer below 2^24 (at most 8*63*7620), so the float lane sum is the integer ggml converts. The float
 * steps that round (fused multiply-adds into the lanes, the final lane sums) are done in ggml's order, per row.
 */
final class Q4_KGroups extends KGroups {
    private static final VectorSpecies<Float> F = GroupLanes.F;
    private static final VectorSpecies<Integer> I = F.withLanes(int.class);
    private static final int HALF = GroupLanes.HALF;
    private static final long SLICE = GroupLanes.SLICE;
    static final long DMIN = SLICE, SCALES = 2 * SLICE, QUANTS = 10 * SLICE;
    /** Bytes of one super-block of a group: d, dmin, 8 scales, 8 mins and 64 slices per row. */
    private static final long BLOCK_BYTES = QUANTS + 64 * SLICE;
    /** Per token of a pass: the rows' 8 lane sums, 4 min sums and the scaled d. */
    private static final int ACC = 0, ACCM = 8 * ROWS, D = 12 * ROWS, SPAN = 13 * ROWS;
    /** The low nibble of both 16-bit halves of an int. */
    private static final int NIB = 0x000F000F;
    private static final int HIGH = 0xFFFF0000;

    private Q4_KGroups(int rows, int cols) {
        super(rows, cols, BLOCK_BYTES, SPAN, D);
    }

    /** Regroups the whole groups of rows of {@code src} (GGUF Q4_K rows of {@code cols}), or null if there are none. */
    static Q4_KGroups of(MemorySegment src, int rows, int cols) {
        if (rows < ROWS) return null;
        Q4_KGroups q = new Q4_KGroups(rows, cols);
        q.fill(src, Q4_K.BYTES);
        return q;
    }

    @Override
    void write(MemorySegment src, long s, long o, int i) {
        writeScales(src, s, data, o, i);
        for (int j = 0; j < 8; j++) {
            for (int m = 0; m < 8; m++) {
                int nibbles = 0;
                for (int k = 0; k < 4; k++) nibbles |= nibble(src, s + 16, 32 * j + 4 * m + k) << (4 * k);
                data.set(Le.SHORT, o + QUANTS + sliceIndex(j, m) * SLICE + 2L * GroupLanes.slot(i), (short) nibbles);
            }
        }
    }

    /**
     * Row i's F16 d and dmin (at o and o + SLICE) and its 6-bit scales and mins (one vector per sub-block from
     * o + 2 SLICE, int lane i % HALF: bytes scale and min, the rows below HALF first), as Q4_K and Q5_K store them.
     */
    static void writeScales(MemorySegment src, long s, MemorySegment dst, long o, int i) {
        dst.set(Le.SHORT, o + 2L * i, src.get(Le.SHORT, s));
        dst.set(Le.SHORT, o + DMIN + 2L * i, src.get(Le.SHORT, s + 2));
        long sl = KScales.low(src, s + 4);
        int sh = KScales.high(src, s + 4);
        long scl = KScales.scales(sl, sh), mns = KScales.mins(sl, sh);
        long lane = 4L * (i % HALF) + i / HALF;
        for (int j = 0; j < 8; j++) {
            dst.set(ValueLayout.JAVA_BYTE, o + SCALES + j * SLICE + lane, (byte) KScales.get(scl, j));
            dst.set(ValueLayout.JAVA_BYTE, o + SCALES + j * SLICE + lane + 2, (byte) KScales.get(mns, j));
        }
    }

    /** Nibble of weight e (0..255) of a super-block whose quants start at byte q: sub-block 2c low, 2c+1 high. */
    private static int nibble(MemorySegment src, long q, int e) {
        int v = Le.u8(src, q + 32 * (e / 64) + e % 32);
        return (e / 32) % 2 == 0 ? v & 0xF : v >>> 4;
    }

    /** Slices in the order {@link #lanes} reads them: lanes 0-3 of every sub-block, then lanes 4-7. */
    private static int sliceIndex(int j, int m) {
        return 32 * (m / 4) + 4 * j + m % 4;
    }

    @Override
    void one(long p, short[] qa, short[] extra, int e, float[] w) {
        lanes(p, qa, e, 0, w);
        lanes(p, qa, e, 4, w);
    }

    /**
     * Sets d = token scale * row d and fuses the min term into the four min lanes as {@link KLanes#accumulateMins}
     * does (the sums of products of mins and 32-quant sums are exact integers).
     */
    @Override
    void prepare(long p, Activations a, int t, int b, float[] w, int base) {
        float ya = a.scales[t * blocks + b];
        int gs = t * (a.cols() / Q8_K.GROUP) + b * 8;
        for (int h = 0; h < 2; h++) {
            FloatVector d = Simd.halfToFloat(ShortVector.fromMemorySegment(Simd.S, data, p + 2L * h * HALF, Le.ORDER));
            d.mul(ya).intoArray(w, base + D + h * HALF);
            FloatVector dmin = Simd.halfToFloat(ShortVector.fromMemorySegment(Simd.S, data, p + DMIN + 2L * h * HALF, Le.ORDER)).mul(-ya);
            int shift = 16 + 8 * h;
            for (int i = 0; i < 4; i++) {
                IntVector m0 = IntVector.fromMemorySegment(I, data, p + SCALES + 2 * i * SLICE, Le.ORDER).lanewise(LSHR, shift).and(0xFF);
                IntVector m1 = IntVector.fromMemorySegment(I, data, p + SCALES + (2 * i + 1) * SLICE, Le.ORDER).lanewise(LSHR, shift).and(0xFF);
                IntVector prod = m0.mul(a.groupSums[gs + 2 * i]).add(m1.mul(a.groupSums[gs + 2 * i + 1]));
                int o = base + ACCM + i * ROWS + h * HALF;
                ((FloatVector) prod.convert(I2F, 0)).fma(dmin, FloatVector.fromArray(F, w, o)).intoArray(w, o);
            }
        }
    }

    /**
     * For lanes m = m0..m0+3: the exact scaled integer sum over the 8 sub-blocks, fused into the lane as
     * d * sum + lane. A slice read as ints holds the first half's 16-bit sums in its low halves and the second
     * half's in its high halves; each half, moved to the top of the int, converts exactly to 65536 times the sum,
     * which the scale divided by 65536 (exact too) brings back. Four lanes at a time and written out, without helper
     * methods: C2 stops inlining methods that are not the Vector API's own once a compile has created about two
     * slices' worth of nodes, and the vectors of a call left uninlined are boxed; eight lanes at a time would
     * approach its limit on nodes per compile.
     */
    private void lanes(long p, short[] qa, int e0, int m0, float[] w) {
        FloatVector l0 = FloatVector.zero(F), l1 = l0, l2 = l0, l3 = l0, h0 = l0, h1 = l0, h2 = l0, h3 = l0;
        long q = p + QUANTS + 8 * m0 * SLICE;
        int e = e0 + 4 * m0;
        for (long s = p + SCALES; s < p + QUANTS; s += SLICE, q += 4 * SLICE, e += 32) {
            IntVector v = IntVector.fromMemorySegment(I, data, s, Le.ORDER), x;
            FloatVector sl = ((FloatVector) v.and(0xFF).convert(I2F, 0)).mul(0x1p-16f);
            FloatVector sh = ((FloatVector) v.lanewise(LSHR, 8).and(0xFF).convert(I2F, 0)).mul(0x1p-16f);
            v = IntVector.fromMemorySegment(I, data, q, Le.ORDER);
            x = (IntVector) v.and(NIB).reinterpretAsShorts().mul(qa[e]).add(v.lanewise(LSHR, 4).and(NIB).reinterpretAsShorts().mul(qa[e + 1]))
                    .add(v.lanewise(LSHR, 8).and(NIB).reinterpretAsShorts().mul(qa[e + 2]).add(v.lanewise(LSHR, 12).and(NIB).reinterpretAsShorts().mul(qa[e + 3])))
                    .reinterpretAsInts();
            l0 = ((FloatVector) x.lanewise(LSHL, 16).convert(I2F, 0)).fma(sl, l0);
            h0 = ((FloatVector) x.and(HIGH).convert(I2F, 0)).fma(sh, h0);
            v = IntVector.fromMemorySegment(I, data, q + 1 * SLICE, Le.ORDER);
            x = (IntVector) v.and(NIB).reinterpretAsShorts().mul(qa[e + 4]).add(v.lanewise(LSHR, 4).and(NIB).reinterpretAsShorts().mul(qa[e + 5]))
                    .add(v.lanewise(LSHR, 8).and(NIB).reinterpretAsShorts().mul(qa[e + 6]).add(v.lanewise(LSHR, 12).and(NIB).reinterpretAsShorts().mul(qa[e + 7])))
                    .reinterpretAsInts();
            l1 = ((FloatVector) x.lanewise(LSHL, 16).convert(I2F, 0)).fma(sl, l1);
            h1 = ((FloatVector) x.and(HIGH).convert(I2F, 0)).fma(sh, h1);
            v = IntVector.fromMemorySegment(I, data, q + 2 * SLICE, Le.ORDER);
            x = (IntVector) v.and(NIB).reinterpretAsShorts().mul(qa[e + 8]).add(v.lanewise(LSHR, 4).and(NIB).reinterpretAsShorts().mul(qa[e + 9]))
                    .add(v.lanewise(LSHR, 8).and(NIB).reinterpretAsShorts().mul(qa[e + 10]).add(v.lanewise(LSHR, 12).and(NIB).reinterpretAsShorts().mul(qa[e + 11])))
                    .reinterpretAsInts();
            l2 = ((FloatVector) x.lanewise(LSHL, 16).convert(I2F, 0)).fma(sl, l2);
            h2 = ((FloatVector) x.and(HIGH).convert(I2F, 0)).fma(sh, h2);
            v = IntVector.fromMemorySegment(I, data, q + 3 * SLICE, Le.ORDER);
            x = (IntVector) v.and(NIB).reinterpretAsShorts().mul(qa[e + 12]).add(v.lanewise(LSHR, 4).and(NIB).reinterpretAsShorts().mul(qa[e + 13]))
                    .add(v.lanewise(LSHR, 8).and(NIB).reinterpretAsShorts().mul(qa[e + 14]).add(v.lanewise(LSHR, 12).and(NIB).reinterpretAsShorts().mul(qa[e + 15])))
                    .reinterpretAsInts();
            l3 = ((FloatVector) x.lanewise(LSHL, 16).convert(I2F, 0)).fma(sl, l3);
            h3 = ((FloatVector) x.and(HIGH).convert(I2F, 0)).fma(sh, h3);
        }
        FloatVector d0 = FloatVector.fromArray(F, w, D), d1 = FloatVector.fromArray(F, w, D + HALF);
        int o;
        o = ACC + m0 * ROWS;
        l0.fma(d0, FloatVector.fromArray(F, w, o)).intoArray(w, o);
        h0.fma(d1, FloatVector.fromArray(F, w, o + HALF)).intoArray(w, o + HALF);
        o = ACC + (m0 + 1) * ROWS;
        l1.fma(d0, FloatVector.fromArray(F, w, o)).intoArray(w, o);
        h1.fma(d1, FloatVector.fromArray(F, w, o + HALF)).intoArray(w, o + HALF);
        o = ACC + (m0 + 2) * ROWS;
        l2.fma(d0, FloatVector.fromArray(F, w, o)).intoArray(w, o);
        h2.fma(d1, FloatVector.fromArray(F, w, o + HALF)).intoArray(w, o + HALF);
        o = ACC + (m0 + 3) * ROWS;
        l3.fma(d0, FloatVector.fromArray(F, w, o)).intoArray(w, o);
        h3.fma(d1, FloatVector.fromArray(F, w, o + HALF)).intoArray(w, o + HALF);
    }

    /**
     * {@link #lanes} for lane m of {@link #TOKENS} consecutive tokens (the first at quant {@code e}, then every
     * {@code cols}): each slice's nibbles are unpacked once for the four. Every token's sums are those of
     * {@link #lanes}, so a batch gets one token's results bit for bit. One lane at a time keeps the compile as
     * small as {@link #lanes}'.
     */
    @Override
    void tokens(long p, short[] qa, short[] extra, int e, int cols, int m, float[] w) {
        FloatVector l0 = FloatVector.zero(F), l1 = l0, l2 = l0, l3 = l0, h0 = l0, h1 = l0, h2 = l0, h3 = l0;
        long q = p + QUANTS + sliceIndex(0, m) * SLICE;
        int e0 = e + 4 * m, e1 = e0 + cols, e2 = e1 + cols, e3 = e2 + cols;
        for (long s = p + SCALES; s < p + QUANTS; s += SLICE, q += 4 * SLICE, e0 += 32, e1 += 32, e2 += 32, e3 += 32) {
            IntVector v = IntVector.fromMemorySegment(I, data, s, Le.ORDER), x;
            FloatVector sl = ((FloatVector) v.and(0xFF).convert(I2F, 0)).mul(0x1p-16f);
            FloatVector sh = ((FloatVector) v.lanewise(LSHR, 8).and(0xFF).convert(I2F, 0)).mul(0x1p-16f);
            v = IntVector.fromMemorySegment(I, data, q, Le.ORDER);
            ShortVector n0 = v.and(NIB).reinterpretAsShorts(), n1 = v.lanewise(LSHR, 4).and(NIB).reinterpretAsShorts();
            ShortVector n2 = v.lanewise(LSHR, 8).and(NIB).reinterpretAsShorts(), n3 = v.lanewise(LSHR, 12).and(NIB).reinterpretAsShorts();
            x = (IntVector) n0.mul(qa[e0]).add(n1.mul(qa[e0 + 1])).add(n2.mul(qa[e0 + 2]).add(n3.mul(qa[e0 + 3]))).reinterpretAsInts();
            l0 = ((FloatVector) x.lanewise(LSHL, 16).convert(I2F, 0)).fma(sl, l0);
            h0 = ((FloatVector) x.and(HIGH).convert(I2F, 0)).fma(sh, h0);
            x = (IntVector) n0.mul(qa[e1]).add(n1.mul(qa[e1 + 1])).add(n2.mul(qa[e1 + 2]).add(n3.mul(qa[e1 + 3]))).reinterpretAsInts();
            l1 = ((FloatVector) x.lanewise(LSHL, 16).convert(I2F, 0)).fma(sl, l1);
            h1 = ((FloatVector) x.and(HIGH).convert(I2F, 0)).fma(sh, h1);
            x = (IntVector) n0.mul(qa[e2]).add(n1.mul(qa[e2 + 1])).add(n2.mul(qa[e2 + 2]).add(n3.mul(qa[e2 + 3]))).reinterpretAsInts();
            l2 = ((FloatVector) x.lanewise(LSHL, 16).convert(I2F, 0)).fma(sl, l2);
            h2 = ((FloatVector) x.and(HIGH).convert(I2F, 0)).fma(sh, h2);
            x = (IntVector) n0.mul(qa[e3]).add(n1.mul(qa[e3 + 1])).add(n2.mul(qa[e3 + 2]).add(n3.mul(qa[e3 + 3]))).reinterpretAsInts();
            l3 = ((FloatVector) x.lanewise(LSHL, 16).convert(I2F, 0)).fma(sl, l3);
            h3 = ((FloatVector) x.and(HIGH).convert(I2F, 0)).fma(sh, h3);
        }
        int o;
        o = ACC + m * ROWS;
        l0.fma(FloatVector.fromArray(F, w, D), FloatVector.fromArray(F, w, o)).intoArray(w, o);
        h0.fma(FloatVector.fromArray(F, w, D + HALF), FloatVector.fromArray(F, w, o + HALF)).intoArray(w, o + HALF);
        o += SPAN;
        l1.fma(FloatVector.fromArray(F, w, SPAN + D), FloatVector.fromArray(F, w, o)).intoArray(w, o);
        h1.fma(FloatVector.fromArray(F, w, SPAN + D + HALF), FloatVector.fromArray(F, w, o + HALF)).intoArray(w, o + HALF);
        o += SPAN;
        l2.fma(FloatVector.fromArray(F, w, 2 * SPAN + D), FloatVector.fromArray(F, w, o)).intoArray(w, o);
        h2.fma(FloatVector.fromArray(F, w, 2 * SPAN + D + HALF), FloatVector.fromArray(F, w, o + HALF)).intoArray(w, o + HALF);
        o += SPAN;
        l3.fma(FloatVector.fromArray(F, w, 3 * SPAN + D), FloatVector.fromArray(F, w, o)).intoArray(w, o);
        h3.fma(FloatVector.fromArray(F, w, 3 * SPAN + D + HALF), FloatVector.fromArray(F, w, o + HALF)).intoArray(w, o + HALF);
    }

    /** Per row: hsum_float_8 of the eight lanes plus ((min lanes 0+2) + (1+3)), as {@link Q4_K#dot} ends. */
    @Override
    void finish(float[] w, int base, float[] out, int o) {
        for (int h = 0; h < ROWS; h += HALF) {
            FloatVector mins = GroupLanes.lane(w, base + ACCM, 0, h).add(GroupLanes.lane(w, base + ACCM, 2, h))
                    .add(GroupLanes.lane(w, base + ACCM, 1, h).add(GroupLanes.lane(w, base + ACCM, 3, h)));
            GroupLanes.hsum8(w, base + ACC, h).add(mins).intoArray(out, o + h);
        }
    }
}
