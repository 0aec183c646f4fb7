package a1.kernels.format;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the regrouped K-quant kernels ({@link Q4_KGroups}, {@link Q6_KGroups}) share: one 16-bit lane per row,
 * {@link #ROWS} rows to a group (the rows' floats in two vectors of {@link #HALF}), and ggml's eight float lanes
 * per row kept as eight vectors of rows, summed at the end in hsum_float_8's order.
 */
final class GroupLanes {
    static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(Simd.BITS, 128)));
    static final VectorSpecies<Float> F = Simd.F;
    static final int ROWS = S.length();
    static final int HALF = ROWS / 2;
    /** Bytes of one 16-bit slice: a lane per row. */
    static final long SLICE = 2L * ROWS;

    /**
     * The 16-bit lane of row r in a slice: row i < HALF in lane 2i, row HALF + i in lane 2i + 1, so that a slice
     * read as ints holds the first half's rows in its low halves and the second half's in its high halves, and one
     * shift or mask per half gives the rows' values in order, as ints (a cross-lane widening costs a permute and a
     * blend).
     */
    static int slot(int r) {
        return r < HALF ? 2 * r : 2 * (r - HALF) + 1;
    }

    /** Per row r of rows [h, h+HALF): hsum_float_8 of the eight lanes at w[base + m*ROWS + r], m = 0..7. */
    static FloatVector hsum8(float[] w, int base, int h) {
        FloatVector s0 = lane(w, base, 0, h).add(lane(w, base, 4, h)), s1 = lane(w, base, 1, h).add(lane(w, base, 5, h));
        FloatVector s2 = lane(w, base, 2, h).add(lane(w, base, 6, h)), s3 = lane(w, base, 3, h).add(lane(w, base, 7, h));
        return s0.add(s2).add(s1.add(s3));
    }

    static FloatVector lane(float[] w, int base, int m, int h) {
        return FloatVector.fromArray(F, w, base + m * ROWS + h);
    }

    private GroupLanes() {}
}
