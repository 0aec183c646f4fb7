package a1.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LibmSinCosTest {
    /** {angle, cosf, sinf} printed by glibc 2.36 on x86-64 (ggml's libm), where they differ from correct rounding. */
    private static final float[][] GLIBC = {
        {0x1.733334p+1f, -0x1.f1216ep-1f, 0x1.e9fb82p-3f},
        {0x1.1p+5f, -0x1.b277cep-1f, 0x1.0ee3ecp-1f},
        {0x1.eb852p-2f, 0x1.c62432p-1f, 0x1.d8dca4p-2f},
        {0x1.218fe6p+8f, 0x1.b84e68p-1f, 0x1.054b2cp-1f},
        {0x1.0b8c5cp+10f, -0x1.d99a7ep-2f, 0x1.c5f2bap-1f},
        {0x1.a2acd6p+10f, -0x1.f2521cp-1f, -0x1.d63dep-3f},
    };

    @Test
    void givesGlibcsRoundingsWhereTheyAreNotTheCorrectOnes() {
        int notCorrectlyRounded = 0;
        for (float[] v : GLIBC) {
            assertEquals(v[1], LibmSinCos.cos(v[0]), "cos " + Float.toHexString(v[0]));
            assertEquals(v[2], LibmSinCos.sin(v[0]), "sin " + Float.toHexString(v[0]));
            if (v[1] != (float) Math.cos(v[0]) || v[2] != (float) Math.sin(v[0])) notCorrectlyRounded++;
        }
        assertEquals(GLIBC.length, notCorrectlyRounded);
    }

    @Test
    void staysWithinOneUlpOfTheTrueValueEverywhereRopeGoes() {
        for (float x = -3000f; x < 3000f; x += 0.37f) {
            float c = (float) Math.cos(x), s = (float) Math.sin(x);
            assertTrue(Math.abs(LibmSinCos.cos(x) - c) <= Math.ulp(c), "cos " + x);
            assertTrue(Math.abs(LibmSinCos.sin(x) - s) <= Math.ulp(s), "sin " + x);
        }
        assertEquals(1f, LibmSinCos.cos(0f));
        assertEquals(0f, LibmSinCos.sin(0f));
        assertTrue(Float.isNaN(LibmSinCos.sin(Float.POSITIVE_INFINITY)));
    }
}
