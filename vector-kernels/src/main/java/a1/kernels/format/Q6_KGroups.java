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
 * Q6_K regrouped {@link #ROWS} rows to a group, one 16-bit lane per row, computed in {@link Q6_K#dot}'s order
 * (ggml's AVX2 vec_dot: eight float lanes per row, lane m the integer sum over positions 4m..4m+3 of every
 * 32-weight run c = 0..7 times the scale of its 16 weights, number 2c + m/4). Per super-block a group holds its
 * rows' F16 d, the 16 signed scales (one vector per half h = m/4 and pair of runs (c, c+1): int lane i holds the
 * scales 2c+h and 2c+2+h of rows i and HALF + i), then per lane m and pair of runs three slices holding the eight
 * weights q - 32 of positions 4m..4m+3 as 6-bit two's complement, so that two shifts sign-extend one: slice A lane
 * r holds row r's v0 (bits 0-5), v1 (6-11) and v6's low nibble, B v2, v3 and v7's low nibble, C v4, v5 and the
 * top two bits of v6 (12-13) and v7 (14-15), where v0-v3 are run c's four weights and v4-v7 run c+1's (rows in
 * {@link GroupLanes#slot} order). Same 6.5 bits per weight as the GGUF block. A run's sum of four products fits 16
 * bits (|sum| <= 4*32*127); scaled and summed over the eight runs in floats it stays an exact integer
 * (|sum| <= 8*128*16256 < 2^24), so only the fused multiply-adds into the lanes and the final lane sums round, in
 * ggml's order per row.
 */
final class Q6_KGroups extends KGroups {
    private static final VectorSpecies<Float> F = GroupLanes.F;
    private static final VectorSpecies<Integer> I = F.withLanes(int.class);
    private static final int HALF = GroupLanes.HALF;
    private static final long SLICE = GroupLanes.SLICE;
    /** Bytes of a half h = m/4 of a super-block: its four scale vectors, then its 48 slices. */
    private static final long HALF_BYTES = 52 * SLICE;
    private static final long BLOCK_BYTES = SLICE + 2 * HALF_BYTES;
    /** Per token of a pass: the rows' 8 lane sums and the scaled d. */
    private static final int ACC = 0, D = 8 * ROWS, SPAN = 9 * ROWS;
    private static final int HIGH = 0xFFFF0000, TOP = 0xFF000000;
    /** Masks of a 6-bit, a 4-bit and a 2-bit-at-4 field in both 16-bit halves of an int. */
    private static final int SIX = 0x003F003F, NIB = 0x000F000F, TWO = 0x00300030;

    private Q6_KGroups(int rows, int cols) {
        super(rows, cols, BLOCK_BYTES, SPAN, D);
    }

    /** Regroups the whole groups of rows of {@code src} (GGUF Q6_K rows of {@code cols}), or null if there are none. */
    static Q6_KGroups of(MemorySegment src, int rows, int cols) {
        if (rows < ROWS) return null;
        Q6_KGroups q = new Q6_KGroups(rows, cols);
        q.fill(src, Q6_K.BYTES);
        return q;
    }

    @Override
    void write(MemorySegment src, long s, long o, int i) {
        data.set(Le.SHORT, o + 2L * i, src.get(Le.SHORT, s + 208));
        long lane = 4L * (i % HALF) + i / HALF;
        for (int c = 0; c < 8; c += 2) {
            for (int h = 0; h < 2; h++) {
                long sc = o + SLICE + h * HALF_BYTES + c / 2 * SLICE + lane;
                data.set(ValueLayout.JAVA_BYTE, sc, Le.s8(src, s + 192 + 2 * c + h));
                data.set(ValueLayout.JAVA_BYTE, sc + 2, Le.s8(src, s + 192 + 2 * c + 2 + h));
            }
        }
        int[] v = new int[8];
        for (int m = 0; m < 8; m++) {
            for (int c = 0; c < 8; c += 2) {
                for (int k = 0; k < 4; k++) {
                    v[k] = Q6_K.quant(src, s, c / 4, 4 * m + k, c % 4) + 32;
                    v[4 + k] = Q6_K.quant(src, s, (c + 1) / 4, 4 * m + k, (c + 1) % 4) + 32;
                }
                writeEight(v, data, o + SLICE + m / 4 * HALF_BYTES + (4 + 24 * (m % 4 / 2) + 3 * c + 3 * (m % 2)) * SLICE + 2L * GroupLanes.slot(i));
            }
        }
    }

    /** Eight 6-bit values into one row's lanes of three consecutive slices, packed as the class comment says. */
    static void writeEight(int[] v, MemorySegment dst, long slices) {
        dst.set(Le.SHORT, slices, (short) (v[0] | v[1] << 6 | (v[6] & 15) << 12));
        dst.set(Le.SHORT, slices + SLICE, (short) (v[2] | v[3] << 6 | (v[7] & 15) << 12));
        dst.set(Le.SHORT, slices + 2 * SLICE, (short) (v[4] | v[5] << 6 | (v[6] >> 4) << 12 | (v[7] >> 4) << 14));
    }

    @Override
    void one(long p, short[] qa, short[] o32, int e, float[] w) {
        for (int m0 = 0; m0 < 8; m0 += 2) lanes(p, qa, o32, e, m0, w);
    }

    /** The rows' d times the token's scale, at {@code base + D}. */
    @Override
    void prepare(long p, Activations a, int t, int b, float[] w, int base) {
        float ya = a.scales[t * blocks + b];
        for (int h = 0; h < 2; h++) {
            FloatVector d = Simd.halfToFloat(ShortVector.fromMemorySegment(Simd.S, data, p + 2L * h * HALF, Le.ORDER));
            d.mul(ya).intoArray(w, base + D + h * HALF);
        }
    }

    @Override
    void finish(float[] w, int base, float[] out, int o) {
        for (int h = 0; h < ROWS; h += HALF) GroupLanes.hsum8(w, base + ACC, h).intoArray(out, o + h);
    }

    @Override
    public void prepare(Activations a) {
        super.prepare(a);
        a.buildQuartetSums();
    }

    /** 32 times the sum of quants 4i..4i+3 for every i. */
    @Override
    short[] quantSums(Activations a) {
        a.require(Activations.QUARTET_SUMS);
        return a.quartetSums;
    }

    /**
     * For lanes m0 and m0 + 1: the exact scaled integer sums of the eight runs, fused into the lane as
     * d * sum + lane. A run's 16-bit sums read as ints hold the first half's rows in their low halves and the second
     * half's in their high halves; each half, moved to the top of the int, converts exactly to 65536 times the sum,
     * which the scale divided by 65536 (exact too) brings back; a scale byte moved to the top converts to 2^24 times
     * the scale. Two lanes at a time and written out, without helper methods (see {@link Q4_KGroups}).
     */
    private void lanes(long p, short[] qa, short[] o32, int e0, int m0, float[] w) {
        FloatVector l0 = FloatVector.zero(F), l1 = l0, h0 = l0, h1 = l0;
        long s = p + SLICE + m0 / 4 * HALF_BYTES, q = s + (4 + 12 * (m0 % 4)) * SLICE;
        int e = e0 + 4 * m0;
        int f = e / 4;
        for (long end = s + 4 * SLICE; s < end; s += SLICE, q += 6 * SLICE, e += 64, f += 16) {
            IntVector v = IntVector.fromMemorySegment(I, data, s, Le.ORDER), t;
            FloatVector a0 = ((FloatVector) v.lanewise(LSHL, 24).convert(I2F, 0)).mul(0x1p-40f);
            FloatVector a1 = ((FloatVector) v.lanewise(LSHL, 16).and(TOP).convert(I2F, 0)).mul(0x1p-40f);
            FloatVector b0 = ((FloatVector) v.lanewise(LSHL, 8).and(TOP).convert(I2F, 0)).mul(0x1p-40f);
            FloatVector b1 = ((FloatVector) v.and(TOP).convert(I2F, 0)).mul(0x1p-40f);
            IntVector x, y, z;
            x = IntVector.fromMemorySegment(I, data, q, Le.ORDER);
            y = IntVector.fromMemorySegment(I, data, q + 1 * SLICE, Le.ORDER);
            z = IntVector.fromMemorySegment(I, data, q + 2 * SLICE, Le.ORDER);
            t = (IntVector) x.and(SIX).reinterpretAsShorts().mul(qa[e]).add(x.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts().mul(qa[e + 1]))
                    .add(y.and(SIX).reinterpretAsShorts().mul(qa[e + 2]).add(y.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts().mul(qa[e + 3])))
                    .sub(o32[f]).reinterpretAsInts();
            l0 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(a0, l0);
            h0 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(a1, h0);
            t = (IntVector) z.and(SIX).reinterpretAsShorts().mul(qa[e + 32]).add(z.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts().mul(qa[e + 33]))
                    .add(x.lanewise(LSHR, 12).and(NIB).add(z.lanewise(LSHR, 8).and(TWO)).reinterpretAsShorts().mul(qa[e + 34])
                            .add(y.lanewise(LSHR, 12).and(NIB).add(z.lanewise(LSHR, 10).and(TWO)).reinterpretAsShorts().mul(qa[e + 35])))
                    .sub(o32[f + 8]).reinterpretAsInts();
            l0 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(b0, l0);
            h0 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(b1, h0);
            x = IntVector.fromMemorySegment(I, data, q + 3 * SLICE, Le.ORDER);
            y = IntVector.fromMemorySegment(I, data, q + 4 * SLICE, Le.ORDER);
            z = IntVector.fromMemorySegment(I, data, q + 5 * SLICE, Le.ORDER);
            t = (IntVector) x.and(SIX).reinterpretAsShorts().mul(qa[e + 4]).add(x.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts().mul(qa[e + 5]))
                    .add(y.and(SIX).reinterpretAsShorts().mul(qa[e + 6]).add(y.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts().mul(qa[e + 7])))
                    .sub(o32[f + 1]).reinterpretAsInts();
            l1 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(a0, l1);
            h1 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(a1, h1);
            t = (IntVector) z.and(SIX).reinterpretAsShorts().mul(qa[e + 36]).add(z.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts().mul(qa[e + 37]))
                    .add(x.lanewise(LSHR, 12).and(NIB).add(z.lanewise(LSHR, 8).and(TWO)).reinterpretAsShorts().mul(qa[e + 38])
                            .add(y.lanewise(LSHR, 12).and(NIB).add(z.lanewise(LSHR, 10).and(TWO)).reinterpretAsShorts().mul(qa[e + 39])))
                    .sub(o32[f + 9]).reinterpretAsInts();
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
    void tokens(long p, short[] qa, short[] o32, int e, int cols, int m, float[] w) {
        FloatVector l0 = FloatVector.zero(F), l1 = l0, l2 = l0, l3 = l0, h0 = l0, h1 = l0, h2 = l0, h3 = l0;
        long s = p + SLICE + m / 4 * HALF_BYTES, q = s + (4 + 24 * (m % 4 / 2) + 3 * (m % 2)) * SLICE;
        int e0 = e + 4 * m, e1 = e0 + cols, e2 = e1 + cols, e3 = e2 + cols;
        for (long end = s + 4 * SLICE; s < end; s += SLICE, q += 6 * SLICE, e0 += 64, e1 += 64, e2 += 64, e3 += 64) {
            IntVector v = IntVector.fromMemorySegment(I, data, s, Le.ORDER), t;
            FloatVector a0 = ((FloatVector) v.lanewise(LSHL, 24).convert(I2F, 0)).mul(0x1p-40f);
            FloatVector a1 = ((FloatVector) v.lanewise(LSHL, 16).and(TOP).convert(I2F, 0)).mul(0x1p-40f);
            FloatVector b0 = ((FloatVector) v.lanewise(LSHL, 8).and(TOP).convert(I2F, 0)).mul(0x1p-40f);
            FloatVector b1 = ((FloatVector) v.and(TOP).convert(I2F, 0)).mul(0x1p-40f);
            IntVector x = IntVector.fromMemorySegment(I, data, q, Le.ORDER);
            IntVector y = IntVector.fromMemorySegment(I, data, q + SLICE, Le.ORDER);
            IntVector z = IntVector.fromMemorySegment(I, data, q + 2 * SLICE, Le.ORDER);
            ShortVector w0 = x.and(SIX).reinterpretAsShorts(), w1 = x.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts();
            ShortVector w2 = y.and(SIX).reinterpretAsShorts(), w3 = y.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts();
            ShortVector w4 = z.and(SIX).reinterpretAsShorts(), w5 = z.lanewise(LSHR, 6).and(SIX).reinterpretAsShorts();
            ShortVector w6 = x.lanewise(LSHR, 12).and(NIB).add(z.lanewise(LSHR, 8).and(TWO)).reinterpretAsShorts();
            ShortVector w7 = y.lanewise(LSHR, 12).and(NIB).add(z.lanewise(LSHR, 10).and(TWO)).reinterpretAsShorts();
            t = (IntVector) w0.mul(qa[e0]).add(w1.mul(qa[e0 + 1])).add(w2.mul(qa[e0 + 2]).add(w3.mul(qa[e0 + 3]))).sub(o32[e0 / 4]).reinterpretAsInts();
            l0 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(a0, l0);
            h0 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(a1, h0);
            t = (IntVector) w4.mul(qa[e0 + 32]).add(w5.mul(qa[e0 + 33])).add(w6.mul(qa[e0 + 34]).add(w7.mul(qa[e0 + 35]))).sub(o32[e0 / 4 + 8]).reinterpretAsInts();
            l0 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(b0, l0);
            h0 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(b1, h0);
            t = (IntVector) w0.mul(qa[e1]).add(w1.mul(qa[e1 + 1])).add(w2.mul(qa[e1 + 2]).add(w3.mul(qa[e1 + 3]))).sub(o32[e1 / 4]).reinterpretAsInts();
            l1 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(a0, l1);
            h1 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(a1, h1);
            t = (IntVector) w4.mul(qa[e1 + 32]).add(w5.mul(qa[e1 + 33])).add(w6.mul(qa[e1 + 34]).add(w7.mul(qa[e1 + 35]))).sub(o32[e1 / 4 + 8]).reinterpretAsInts();
            l1 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(b0, l1);
            h1 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(b1, h1);
            t = (IntVector) w0.mul(qa[e2]).add(w1.mul(qa[e2 + 1])).add(w2.mul(qa[e2 + 2]).add(w3.mul(qa[e2 + 3]))).sub(o32[e2 / 4]).reinterpretAsInts();
            l2 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(a0, l2);
            h2 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(a1, h2);
            t = (IntVector) w4.mul(qa[e2 + 32]).add(w5.mul(qa[e2 + 33])).add(w6.mul(qa[e2 + 34]).add(w7.mul(qa[e2 + 35]))).sub(o32[e2 / 4 + 8]).reinterpretAsInts();
            l2 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(b0, l2);
            h2 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(b1, h2);
            t = (IntVector) w0.mul(qa[e3]).add(w1.mul(qa[e3 + 1])).add(w2.mul(qa[e3 + 2]).add(w3.mul(qa[e3 + 3]))).sub(o32[e3 / 4]).reinterpretAsInts();
            l3 = ((FloatVector) t.lanewise(LSHL, 16).convert(I2F, 0)).fma(a0, l3);
            h3 = ((FloatVector) t.and(HIGH).convert(I2F, 0)).fma(a1, h3);
            t = (IntVector) w4.mul(qa[e3 + 32]).add(w5.mul(qa[e3 + 33])).add(w6.mul(qa[e3 + 34]).add(w7.mul(qa[e3 + 35]))).sub(o32[e3 / 4 + 8]).reinterpretAsInts();
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
