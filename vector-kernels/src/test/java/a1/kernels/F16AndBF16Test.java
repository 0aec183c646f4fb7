package a1.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class F16AndBF16Test {
    @Test
    void halfRoundsToNearestEven() {
        // 1 + 2^-11 lies halfway between 1 and the next half 1 + 2^-10: ties go to the even mantissa (1).
        assertEquals(1.0f, F16.round(1.0f + 0x1p-11f));
        assertEquals(1.0f + 0x1p-9f, F16.round(1.0f + 0x1p-10f + 0x1p-11f));
        assertEquals(65504f, F16.round(65519f));
        assertEquals(Float.POSITIVE_INFINITY, F16.round(65520f));
    }

    @Test
    void everyBf16PatternSurvivesARoundTripAndNaNsStayQuiet() {
        for (int h = 0; h < 65536; h++) {
            float f = BF16.toFloat((short) h);
            if (Float.isNaN(f)) {
                short back = BF16.fromFloat(f);
                assertTrue(Float.isNaN(BF16.toFloat(back)));
                assertEquals(64, back & 64, "quiet bit forced for " + h);
            } else {
                assertEquals((short) h, BF16.fromFloat(f), "pattern " + h);
            }
        }
    }

    @Test
    void bf16RoundsToNearestEven() {
        assertEquals(1.0f, BF16.round(1.0f + 0x1p-8f)); // tie -> even
        assertEquals(1.0f + 0x1p-6f, BF16.round(1.0f + 0x1p-7f + 0x1p-8f)); // tie -> even (up)
        assertEquals(1.0f + 0x1p-7f, BF16.round(1.0f + 0x1p-8f + 0x1p-20f));
        assertEquals(Float.POSITIVE_INFINITY, BF16.round(Float.MAX_VALUE));
        // A signalling NaN whose payload sits only in the dropped bits must not round to infinity.
        assertTrue(Float.isNaN(BF16.round(Float.intBitsToFloat(0x7F800001))));
    }
}
