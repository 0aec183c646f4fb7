package a1.kernels.format;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/**
 * Pieces of the 256-bit dots of 32-element blocks with Q8_0/Q8_1 activations ({@link Q8_0}, {@link Q4_1},
 * {@link Q5_0}), where int lane l holds elements 4l..4l+3, one per byte, as in ggml's AVX2/VNNI kernels.
 */
final class Q8Lanes {
    /** Spreads 16 bytes of packed nibbles over 8 lanes: lanes 4..7 repeat lanes 0..3, to be shifted by 4. */
    static final VectorShuffle<Integer> LOW_THEN_HIGH = VectorShuffle.fromValues(IntVector.SPECIES_256, 0, 1, 2, 3, 0, 1, 2, 3);
    static final IntVector NIBBLE_SHIFT = IntVector.fromArray(IntVector.SPECIES_256, new int[] {0, 0, 0, 0, 4, 4, 4, 4}, 0);

    /** Byte j of each little-endian int lane, sign-extended. */
    static IntVector signedByte(IntVector v, int j) {
        return v.lanewise(VectorOperators.LSHL, 24 - 8 * j).lanewise(VectorOperators.ASHR, 24);
    }

    /** hsum_float_8 of the eight lanes. */
    static float hsum(FloatVector acc) {
        return Lanes8.hsum(acc.lane(0), acc.lane(1), acc.lane(2), acc.lane(3), acc.lane(4), acc.lane(5), acc.lane(6), acc.lane(7));
    }

    private Q8Lanes() {}
}
