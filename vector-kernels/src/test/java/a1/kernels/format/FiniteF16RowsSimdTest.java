package a1.kernels.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FiniteF16Rows} gives {@link FloatDots#vecDot} (ggml_vec_dot_f16's order) bit for bit, for halves of every
 * kind it takes (normals up to 65504, subnormals, signed zeros) and activations of every size an F16 holds, at
 * lengths with and without leftovers (rows shorter than a block of 64 included), and over several column blocks and
 * passes of rows; a matrix with an infinite or NaN weight, or a JVM without 16 float lanes, keeps the row kernel.
 */
class FiniteF16RowsSimdTest {
    private static final int[] LENGTHS = {64, 48, 100, 128, 192, 768 + 44, 4096, 2 * 4096 + 64 + 36};

    @Test
    void everyRowAndTokenEqualsTheRowKernel() {
        if (!FloatDots.SIMD) return; // covered by noKernelWithoutSixteenLanes
        Random rnd = new Random(11);
        for (int cols : LENGTHS) {
            int rows = 37, tokens = 3; // more rows than a pass parks, rows longer than a column block
            MemorySegment w = halves(rows * cols, rnd);
            FiniteF16Rows k = FiniteF16Rows.of(w, rows, cols);
            assertNotNull(k, "finite weights");
            Activations a = new Activations();
            a.set(ActivationType.F16, activations(tokens * cols, rnd), 0, tokens, cols);
            float[] out = new float[1 + tokens * rows];
            k.prepare(a);
            k.apply(1, rows, a, out, 1, rows);
            for (int t = 0; t < tokens; t++) {
                assertEquals(0f, out[1 + t * rows], "row 0 is outside [1, rows) and must stay untouched");
                for (int r = 1; r < rows; r++) {
                    float want = FloatDots.vecDot(w, 2L * r * cols, true, a.values, t * cols, cols);
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(out[1 + t * rows + r]), "cols " + cols + " token " + t + " row " + r);
                }
            }
        }
    }

    @Test
    void aMatrixWithAnInfinityOrNaNKeepsTheRowKernel() {
        Random rnd = new Random(12);
        for (short bad : new short[] {(short) 0x7C00, (short) 0xFC00, (short) 0x7E00, (short) 0xFC01}) {
            for (int at : new int[] {0, 37, 2 * 4 * 64 - 1}) {
                MemorySegment w = halves(2 * 4 * 64, rnd);
                w.set(Le.SHORT, 2L * at, bad);
                assertFalse(FiniteF16Rows.allFinite(w), Integer.toHexString(bad) + " at " + at);
                assertNull(FiniteF16Rows.of(w, 2, 4 * 64));
            }
        }
        MemorySegment largest = halves(3 * 64 + 1, rnd); // an odd count: the last half is checked alone
        largest.set(Le.SHORT, 2L * 3 * 64, (short) 0x7BFF);
        assertTrue(FiniteF16Rows.allFinite(largest));
        largest.set(Le.SHORT, 2L * 3 * 64, (short) 0x7C00);
        assertFalse(FiniteF16Rows.allFinite(largest));
    }

    @Test
    void noKernelWithoutSixteenLanes() {
        MemorySegment w = halves(64, new Random(13));
        assertEquals(FloatDots.SIMD, FiniteF16Rows.of(w, 1, 64) != null);
        assertEquals(FloatDots.SIMD, F16Weights.INSTANCE.regroup(w, 1, 64) != null);
    }

    /** The layout is built per batch by prepare: after the next set() without it, apply refuses the stale one. */
    @Test
    void applyWithoutPrepareForTheBatchIsRefused() {
        if (!FloatDots.SIMD) return;
        Random rnd = new Random(14);
        FiniteF16Rows k = FiniteF16Rows.of(halves(64, rnd), 1, 64);
        Activations a = new Activations();
        a.set(ActivationType.F16, activations(64, rnd), 0, 1, 64);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.apply(0, 1, a, new float[1], 0, 1));
        assertTrue(e.getMessage().contains("not prepared"), e.getMessage());
    }

    /** Random halves: mostly normal weights of every exponent, with subnormals, signed zeros and +-65504 mixed in. */
    private static MemorySegment halves(int n, Random rnd) {
        MemorySegment w = Arena.ofAuto().allocate(2L * n, 2);
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            short h = switch (kind) {
                case 0 -> (short) (rnd.nextInt(0x400) | (rnd.nextBoolean() ? 0x8000 : 0)); // subnormal or zero
                case 1 -> (short) (rnd.nextBoolean() ? 0x7BFF : 0xFBFF);
                case 2 -> (short) (rnd.nextBoolean() ? 0x0000 : 0x8000);
                default -> (short) (rnd.nextInt(0x7C00) | (rnd.nextBoolean() ? 0x8000 : 0));
            };
            w.set(Le.SHORT, 2L * i, h);
        }
        return w;
    }

    /** Activations of magnitudes from F16's subnormals to its largest values (Activations rounds them to F16). */
    private static float[] activations(int n, Random rnd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextGaussian() * Math.scalb(1.0, rnd.nextInt(36) - 24));
        return x;
    }
}
