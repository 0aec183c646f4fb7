package a1.kernels.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ActivationQuantizationTest {
    private final Activations a = new Activations();

    @Test
    void q8_0RoundsHalfwayCasesToEvenLikeGgmlsAvxQuantizer() {
        float[] x = new float[32];
        x[0] = 127; // amax 127: d = 1, id = 1, so quants are the rounded inputs
        x[1] = 2.5f;
        x[2] = 3.5f;
        x[3] = -2.5f;
        x[4] = 0.5f;
        a.set(ActivationType.Q8_0, x, 0, 1, 32);
        assertEquals(1f, a.scale(0, 0));
        assertEquals(127, a.quant(0, 0));
        assertEquals(2, a.quant(0, 1));
        assertEquals(4, a.quant(0, 2));
        assertEquals(-2, a.quant(0, 3));
        assertEquals(0, a.quant(0, 4));
    }

    @Test
    void q8_0BlockQuantizerGivesTheScalarQuantsAndScalesBitForBit() {
        Random rnd = new Random(7);
        int blocks = 400;
        float[] x = new float[3 + blocks * 32];
        for (int b = 0; b < blocks; b++) {
            int o = 3 + b * 32;
            float scale = (float) Math.pow(2, rnd.nextInt(300) - 150);
            for (int j = 0; j < 32; j++) x[o + j] = (float) rnd.nextGaussian() * scale;
            switch (b % 8) {
                case 0 -> { // amax 127 makes id 1, so halves are rint's ties
                    x[o] = 127;
                    for (int j = 1; j < 32; j++) x[o + j] = rnd.nextInt(254) - 127 + 0.5f;
                }
                case 1 -> java.util.Arrays.fill(x, o, o + 32, b % 16 == 1 ? 0f : -0f);
                case 2 -> x[o + rnd.nextInt(32)] = Float.NaN;
                case 3 -> x[o + rnd.nextInt(32)] = rnd.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
                case 4 -> x[o + rnd.nextInt(32)] = Float.MIN_VALUE * (1 + rnd.nextInt(1000)); // subnormal, and 127/amax overflows where it is the maximum
                default -> { }
            }
        }
        int[] want = new int[blocks * 32], got = new int[blocks * 32];
        float[] wantScales = new float[blocks], gotScales = new float[blocks];
        for (int b = 0; b < blocks; b++) Q8_0.quantizeBlock(x, 3 + b * 32, want, wantScales, b, null);
        Q8_0.quantizeBlocks(x, 3, blocks, got, gotScales);
        for (int b = 0; b < blocks; b++) {
            assertEquals(Float.floatToRawIntBits(wantScales[b]), Float.floatToRawIntBits(gotScales[b]), "scale of block " + b);
            for (int j = 0; j < 32; j++) assertEquals(want[b * 32 + j], got[b * 32 + j], "block " + b + " element " + j + " of " + x[3 + b * 32 + j]);
        }
    }

    @Test
    void q8_0RoundTripIsWithinHalfAStepPlusScaleRounding() {
        Random rnd = new Random(1);
        float[] x = RandomRows.activations(3, 256, false, rnd);
        a.set(ActivationType.Q8_0, x, 0, 3, 256);
        for (int t = 0; t < 3; t++) {
            for (int b = 0; b < 8; b++) {
                float amax = 0;
                for (int j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(x[t * 256 + b * 32 + j]));
                float d = amax / 127;
                assertEquals(a1.kernels.F16.round(d), a.scale(t, b));
                for (int j = 0; j < 32; j++) {
                    int i = b * 32 + j;
                    assertTrue(Math.abs(a.quant(t, i)) <= 127);
                    float err = Math.abs(x[t * 256 + i] - a.value(t, i));
                    assertTrue(err <= d * 0.5001f + 127 * Math.abs(d - a.scale(t, b)), "token " + t + " element " + i + " error " + err);
                }
            }
        }
    }

    @Test
    void zeroBlockQuantizesToZeros() {
        a.set(ActivationType.Q8_0, new float[64], 0, 1, 64);
        for (int i = 0; i < 64; i++) assertEquals(0, a.quant(0, i));
        assertEquals(0f, a.scale(0, 1));
        a.set(ActivationType.Q8_K, new float[256], 0, 1, 256);
        assertEquals(0f, a.scale(0, 0));
        assertEquals(0, a.groupSum(0, 7));
    }

    @Test
    void q8_1StoresTheHalfRoundedScaledSumOfItsQuants() {
        Random rnd = new Random(2);
        float[] x = RandomRows.activations(2, 64, false, rnd);
        a.set(ActivationType.Q8_1, x, 0, 2, 64);
        for (int t = 0; t < 2; t++) {
            for (int b = 0; b < 2; b++) {
                int sum = 0;
                float amax = 0;
                for (int j = 0; j < 32; j++) {
                    sum += a.quant(t, b * 32 + j);
                    amax = Math.max(amax, Math.abs(x[t * 64 + b * 32 + j]));
                }
                assertEquals(a1.kernels.F16.round(amax / 127 * sum), a.sum(t, b));
            }
        }
    }

    @Test
    void q8_kTakesItsSignFromTheLargestElementAndKeepsGroupSums() {
        float[] x = new float[256];
        x[0] = 1;
        x[5] = -2; // largest magnitude, negative: iscale = -127 / -2 = 63.5
        a.set(ActivationType.Q8_K, x, 0, 1, 256);
        assertEquals(64, a.quant(0, 0)); // 63.5 rounds to even
        assertEquals(-127, a.quant(0, 5));
        assertEquals(1 / 63.5f, a.scale(0, 0));
        assertEquals(64 - 127, a.groupSum(0, 0));

        x[5] = 2; // positive maximum: the scale turns negative and the quants flip sign
        a.set(ActivationType.Q8_K, x, 0, 1, 256);
        assertEquals(-127, a.quant(0, 5));
        assertEquals(-64, a.quant(0, 0));
        assertEquals(-1 / 63.5f, a.scale(0, 0));
        assertEquals(2f, a.value(0, 5), 1e-6f);
    }

    @Test
    void q8_kRoundTripIsWithinHalfAStep() {
        Random rnd = new Random(3);
        float[] x = RandomRows.activations(2, 512, false, rnd);
        a.set(ActivationType.Q8_K, x, 0, 2, 512);
        for (int t = 0; t < 2; t++) {
            for (int g = 0; g < 16; g++) {
                int s = 0;
                for (int j = 0; j < 32; j++) s += a.quant(t, g * 32 + j);
                assertEquals(s, a.groupSum(t, g));
            }
            for (int i = 0; i < 512; i++) {
                float d = Math.abs(a.scale(t, i / 256));
                assertTrue(Math.abs(x[t * 512 + i] - a.value(t, i)) <= d * 0.5001f, "element " + i);
            }
        }
    }

    @Test
    void f16AndBf16ActivationsAreRoundedCopies() {
        float[] x = {1.0f + 0x1p-11f, 3.14159f, -1e-8f, 70000f};
        a.set(ActivationType.F16, x, 0, 1, 4);
        for (int i = 0; i < 4; i++) assertEquals(a1.kernels.F16.round(x[i]), a.value(0, i));
        a.set(ActivationType.BF16, x, 0, 1, 4);
        for (int i = 0; i < 4; i++) assertEquals(a1.kernels.BF16.round(x[i]), a.value(0, i));
    }

    @Test
    void badShapesAreRejectedWithAMessage() {
        assertThrows(IllegalArgumentException.class, () -> a.set(ActivationType.Q8_0, new float[40], 0, 1, 40));
        assertThrows(IllegalArgumentException.class, () -> a.set(ActivationType.Q8_K, new float[256], 1, 1, 256));
        assertThrows(IllegalArgumentException.class, () -> a.set(ActivationType.F32, new float[4], 0, 0, 4));
    }
}
