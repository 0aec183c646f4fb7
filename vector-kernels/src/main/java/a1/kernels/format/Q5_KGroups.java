package a1.kernels.format;

import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q5_K regrouped {@link #ROWS} rows to a group, one 16-bit lane per row, computed in {@link Q5_K#dot}'s order
 * (ggml's AVX2 vec_dot: eight float lanes per row, lane m the integer sum over positions 4m..4m+3 of every
 * 32-weight sub-block times its scale, fused per super-block with d; the mins' sum fused into one scalar per row).
 * Per super-block a group holds its rows' F16 d and dmin and, per sub-block, the rows' scales and mins as
 * {@link Q4_KGroups} does; then per pair of lanes (m, m + 1) and pair of sub-blocks (j, j + 1) six slices, three per
 * lane packed as {@link Q6_KGroups} packs its eight weights of two runs (here sub-block j's four weights at
 * positions 4m..4m+3 and then sub-block j + 1's), the 5-bit quants unsigned: 6 bits per weight against the GGUF
 * block's 5.5. A slice's four products fit 16 bits (|sum| <= 4*31*128) and the scaled sums over the eight
 * sub-blocks stay exact integers in float (|sum| <= 8*63*15872 < 2^24), so only ggml's float steps round, in its
 * order per row.
 */
final class Q5_KGroups extends KGroups {
    private static final VectorSpecies<Float> F = GroupLanes.F;
    private static final VectorSpecies<Integer> I = F.withLanes(int.class);
    private static final int HALF = GroupLanes.HALF;
    private static final long SLICE = GroupLanes.SLICE;
    private static final long DMIN = Q4_KGroups.DMIN, SCALES = Q4_KGroups.SCALES, QUANTS = Q4_KGroups.QUANTS;
    /** Bytes of one super-block of a group: d, dmin, 8 scale/min vectors and 96 slices per row. */
    private static final long BLOCK_BYTES = QUANTS + 96 * SLICE;
    /** Per token of a pass: the rows' 8 lane sums, their min sums and the scaled d. */
    private static final int ACC = 0, MINS = 8 * ROWS, D = 9 * ROWS, SPAN = 10 * ROWS;
    private static final int HIGH = 0xFFFF0000;
    /** Masks of a 6-bit, a 4-bit and a 2-bit-at-4 field in both 16-bit halves of an int. */
    private static final int SIX = 0x003F003F, NIB = 0x000F000F, TWO = 0x00300030;

    private Q5_KGroups(int rows, int cols) {
        super(rows, cols, BLOCK_BYTES, SPAN, D);
    }

    /** Regroups the whole groups of rows of {@code src} (GGUF Q5_K rows of {@code cols}), or null if there are none. */
    static Q5_KGroups of(MemorySegment src, int rows, int cols) {
        if (rows < ROWS) return null;
        Q5_KGroups q = new Q5_KGroups(rows, cols);
        q.fill(src, Q5_K.BYTES);
        return q;
    }

    @Override
    void write(MemorySegment src, long s, long o, int i) {
        Q4_KGroups.writeScales(src, s, data, o, i);
        int[] v = new int[8];
        for (int m = 0; m < 8; m++) {
            for (int j = 0; j < 8; j += 2) {
                for (int k = 0; k < 4; k++) {
                    v[k] = Q5_K.quant(src, s, j / 2, 4 * m + k, false);
                    v[4 + k] = Q5_K.quant(src, s, j / 2, 4 * m + k, true);
                }
                Q6_KGroups.writeEight(v, data, o + QUANTS + (24 * (m / 2) + 3 * j + 3 * (m % 2)) * SLICE + 2L * GroupLanes.slot(i));
            }
        }
    }

    @Override
    void one(long p, short[] qa, short[] extra, int e, float[] w) {
        for (int m0 = 0; m0 < 8; m0 += 2) lanes(p, qa, e, m0, w);
    }

    /** Per row: hsum_float_8 of the eight lanes plus the min sum, as {@link Q5_K#dot} ends. */
    @Override
    void finish(float[] w, int base, float[] out, int o) {
        for (int h = 0; h < ROWS; h += HALF) {
            GroupLanes.hsum8(w, base + ACC, h).add(FloatVector.fromArray(F, w, base + MINS + h)).intoArray(out, o + h);
        }
    }

    /**
     * Sets d = token scale * row d, and fuses the super-block's min term (the exact integer sum over sub-blocks of
     * min times the sum of the quants under it) into each row's min sum with -(token scale) * dmin, as ggml's summs.
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
            IntVector term = IntVector.zero(I);
            for (int j = 0; j < 8; j++) {
                term = term.add(IntVector.fromMemorySegment(I, data, p + SCALES + j * SLICE, Le.ORDER).lanewise(LSHR, shift).and(0xFF).mul(a.groupSums[gs + j]));
            }
            int o = base + MINS + h * HALF;
            dmin.fma((FloatVector) term.convert(I2F, 0), FloatVector.fromArray(F, w, o)).intoArray(w, o);
        }
    }

    /**
     * For lanes m0 and m0 + 1: the exact scaled integer sums of the eight sub-blocks, fused into the lane as
     * d * sum + lane. A slice's 16-bit sums read as ints hold the first half's rows in their low halves and the
     * second half's in their high halves; each half, moved to the top of the int, converts exactly to 65536 times
     * the sum, which the scale divided by 65536 (exact too) brings back. Two lanes at a time and written out,
     * without helper methods (see {@link Q4_KGroups}).
     */
    private void lanes(long p, short[] qa, int e0, int m0, float[] w) {
        FloatVector l0 = FloatVector.zero(F), l1 = l0, h0 = l0, h1 = l0;
        long s = p + SCALES, q = p + QUANTS + 24 * (m0 / 2) * SLICE;
        int e = e0 + 4 * m0;
        for (long end = s + 8 * SLICE; s < end; s += 2 * SLICE, q += 6 * SLICE, e += 64) {
            IntVector v = IntVector.fromMemorySegment(I, data, s, Le.ORDER), t;
            FloatVector a0 = ((FloatVector) v.and(0xFF).convert(I2F, 0)).mul(0x1p-16f);
            FloatVector a1 = ((FloatVector) v.lanewise(LSHR, 8).and(0xFF).convert(I2F, 0)).mul(0x1p-16f);
            v = IntVector.fromMemorySegment(I, data, s + SLICE, Le.ORDER);
            FloatVector b0 = ((FloatVector) v.and(0xFF).convert(I2F, 0)).mul(0x1p-16f);
            FloatVector b1 = ((FloatVector) v.lanewise(LSHR, 8).and(0xFF).convert(I2F, 0)).mul(0x1p-16f);
            IntVector x, y, z;
            x = IntVector.fromMemorySegment(I, data, q, Le.ORDER);
            y = IntVector.fromMemorySegment(I, data, q + 1 * SLICE, Le.ORDER);
            z = IntVector.fromMemorySegment(I, data, q + 2 * SLICE, Le.ORDER);
            t = (IntVector) x.and(SIX).reinterpretAsShorts().mul(qa[e]).add(x.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts().mul(qa[e + 1]))
                    .add(y.and(SIX).reinterpretAsShorts().mul(qa[e + 2]).add(y.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts().mul(qa[e + 3])))
                    .reinterpretAsInts();
            l0 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(a0, l0);
            h0 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(a1, h0);
            t = (IntVector) z.and(SIX).reinterpretAsShorts().mul(qa[e + 32]).add(z.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts().mul(qa[e + 33]))
                    .add(x.lanewise(LSHR, 12).and(NIB).add(z.lanewise(LSHR, 8).and(TWO)).reinterpretAsShorts().mul(qa[e + 34])
                            .add(y.lanewise(LSHR, 12).and(NIB).add(z.lanewise(LSHR, 10).and(TWO)).reinterpretAsShorts().mul(qa[e + 35])))
                    .reinterpretAsInts();
            l0 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(b0, l0);
            h0 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(b1, h0);
            x = IntVector.fromMemorySegment(I, data, q + 3 * SLICE, Le.ORDER);
            y = IntVector.fromMemorySegment(I, data, q + 4 * SLICE, Le.ORDER);
            z = IntVector.fromMemorySegment(I, data, q + 5 * SLICE, Le.ORDER);
            t = (IntVector) x.and(SIX).reinterpretAsShorts().mul(qa[e + 4]).add(x.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts().mul(qa[e + 5]))
                    .add(y.and(SIX).reinterpretAsShorts().mul(qa[e + 6]).add(y.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts().mul(qa[e + 7])))
                    .reinterpretAsInts();
            l1 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(a0, l1);
            h1 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(a1, h1);
            t = (IntVector) z.and(SIX).reinterpretAsShorts().mul(qa[e + 36]).add(z.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts().mul(qa[e + 37]))
                    .add(x.lanewise(LSHR, 12).and(NIB).add(z.lanewise(LSHR, 8).and(TWO)).reinterpretAsShorts().mul(qa[e + 38])
                            .add(y.lanewise(LSHR, 12).and(NIB).add(z.lanewise(LSHR, 10).and(TWO)).reinterpretAsShorts().mul(qa[e + 39])))
                    .reinterpretAsInts();
            l1 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(b0, l1);
            h1 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(b1, h1);
        }
        FloatVector d0 = FloatVector.fromArray(F, w, D), d1 = FloatVector.fromArray(F, w, D + HALF);
        int o;
        o = ACC + m0 * ROWS;
        l0.fma(d0, FloatVector.fromArray(F, w, o)).intoArray(w, o);
        h0.fma(d1, FloatVector.fromArray(F, w, o + HALF)).intoArray(w, o + HALF);
        o = ACC + (m0 + 1) * ROWS;
        l1.fma(d0, FloatVector.fromArray(F, w, o)).intoArray(w, o);
        h1.fma(d1, FloatVector.fromArray(F, w, o + HALF)).intoArray(w, o + HALF);
    }

    /**
     * {@link #lanes} for lane m of {@link #TOKENS} consecutive tokens (the first at quant {@code e}, then every
     * {@code cols}): each slice's eight weights are unpacked once for the four. Every token's sums are those of
     * {@link #lanes}, so a batch gets one token's results bit for bit.
     */
    @Override
    void tokens(long p, short[] qa, short[] extra, int e, int cols, int m, float[] w) {
        FloatVector l0 = FloatVector.zero(F), l1 = l0, l2 = l0, l3 = l0, h0 = l0, h1 = l0, h2 = l0, h3 = l0;
        long s = p + SCALES, q = p + QUANTS + (24 * (m / 2) + 3 * (m % 2)) * SLICE;
        int e0 = e + 4 * m, e1 = e0 + cols, e2 = e1 + cols, e3 = e2 + cols;
        for (long end = s + 8 * SLICE; s < end; s += 2 * SLICE, q += 6 * SLICE, e0 += 64, e1 += 64, e2 += 64, e3 += 64) {
            IntVector v = IntVector.fromMemorySegment(I, data, s, Le.ORDER), t;
            FloatVector a0 = ((FloatVector) v.and(0xFF).convert(I2F, 0)).mul(0x1p-16f);
            FloatVector a1 = ((FloatVector) v.lanewise(LSHR, 8).and(0xFF).convert(I2F, 0)).mul(0x1p-16f);
            v = IntVector.fromMemorySegment(I, data, s + SLICE, Le.ORDER);
            FloatVector b0 = ((FloatVector) v.and(0xFF).convert(I2F, 0)).mul(0x1p-16f);
            FloatVector b1 = ((FloatVector) v.lanewise(LSHR, 8).and(0xFF).convert(I2F, 0)).mul(0x1p-16f);
            IntVector x = IntVector.fromMemorySegment(I, data, q, Le.ORDER);
            IntVector y = IntVector.fromMemorySegment(I, data, q + SLICE, Le.ORDER);
            IntVector z = IntVector.fromMemorySegment(I, data, q + 2 * SLICE, Le.ORDER);
            ShortVector w0 = x.and(SIX).reinterpretAsShorts(), w1 = x.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts();
            ShortVector w2 = y.and(SIX).reinterpretAsShorts(), w3 = y.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts();
            ShortVector w4 = z.and(SIX).reinterpretAsShorts(), w5 = z.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts();
            ShortVector w6 = x.lanewise(LSHR, 12).and(NIB).add(z.lanewise(LSHR, 8).and(TWO)).reinterpretAsShorts();
            ShortVector w7 = y.lanewise(LSHR, 12).and(NIB).add(z.lanewise(LSHR, 10).and(TWO)).reinterpretAsShorts();
            t = (IntVector) w0.mul(qa[e0]).add(w1.mul(qa[e0 + 1])).add(w2.mul(qa[e0 + 2]).add(w3.mul(qa[e0 + 3]))).reinterpretAsInts();
            l0 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(a0, l0);
            h0 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(a1, h0);
            t = (IntVector) w4.mul(qa[e0 + 32]).add(w5.mul(qa[e0 + 33])).add(w6.mul(qa[e0 + 34]).add(w7.mul(qa[e0 + 35]))).reinterpretAsInts();
            l0 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(b0, l0);
            h0 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(b1, h0);
            t = (IntVector) w0.mul(qa[e1]).add(w1.mul(qa[e1 + 1])).add(w2.mul(qa[e1 + 2]).add(w3.mul(qa[e1 + 3]))).reinterpretAsInts();
            l1 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(a0, l1);
            h1 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(a1, h1);
            t = (IntVector) w4.mul(qa[e1 + 32]).add(w5.mul(qa[e1 + 33])).add(w6.mul(qa[e1 + 34]).add(w7.mul(qa[e1 + 35]))).reinterpretAsInts();
            l1 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(b0, l1);
            h1 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(b1, h1);
            t = (IntVector) w0.mul(qa[e2]).add(w1.mul(qa[e2 + 1])).add(w2.mul(qa[e2 + 2]).add(w3.mul(qa[e2 + 3]))).reinterpretAsInts();
            l2 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(a0, l2);
            h2 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(a1, h2);
            t = (IntVector) w4.mul(qa[e2 + 32]).add(w5.mul(qa[e2 + 33])).add(w6.mul(qa[e2 + 34]).add(w7.mul(qa[e2 + 35]))).reinterpretAsInts();
            l2 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(b0, l2);
            h2 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(b1, h2);
            t = (IntVector) w0.mul(qa[e3]).add(w1.mul(qa[e3 + 1])).add(w2.mul(qa[e3 + 2]).add(w3.mul(qa[e3 + 3]))).reinterpretAsInts();
            l3 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(a0, l3);
            h3 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(a1, h3);
            t = (IntVector) w4.mul(qa[e3 + 32]).add(w5.mul(qa[e3 + 33])).add(w6.mul(qa[e3 + 34]).add(w7.mul(qa[e3 + 35]))).reinterpretAsInts();
            l3 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(b0, l3);
            h3 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(b1, h3);
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
}
