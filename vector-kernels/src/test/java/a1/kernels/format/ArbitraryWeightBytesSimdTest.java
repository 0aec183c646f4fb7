package a1.kernels.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import a1.spec.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Weights arrive from other peers, so every byte pattern must be safe to compute with: fully random blocks
 * (scales included, so NaNs, infinities and subnormals too) never make a kernel throw, and wherever the result
 * is finite the fast and reference dots agree.
 */
class ArbitraryWeightBytesSimdTest {
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q4_K", "Q5_K", "Q6_K"})
    void randomBytesAreHandledWithoutErrors(GgmlType type) {
        Random rnd = new Random(1000 + type.ordinal());
        WeightFormat f = Formats.of(type);
        int cols = 512;
        Activations a = new Activations();
        a.set(f.activation(), RandomRows.activations(1, cols, false, rnd), 0, 1, cols);
        float[] deq = new float[cols];
        for (int trial = 0; trial < 50; trial++) {
            MemorySegment w = Arena.ofAuto().allocate(type.byteSize(cols));
            for (long i = 0; i < w.byteSize(); i++) w.set(ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt());
            f.dequantize(w, 0, cols, deq, 0);
            float fast = f.dot(w, 0, a, 0), ref = f.dotScalar(w, 0, a, 0);
            double magnitude = 0;
            for (int i = 0; i < cols; i++) magnitude += Math.abs((double) deq[i] * a.value(0, i));
            if (Float.isFinite(fast) && Float.isFinite(ref) && Double.isFinite(magnitude)) {
                assertEquals(ref, fast, 1e-5 * magnitude + 1e-30, type + " trial " + trial);
            }
        }
    }

    @Test
    void typesWithoutKernelsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Formats.of(GgmlType.Q2_K));
        assertEquals("tensor type Q2_K is not supported by A1's kernels", e.getMessage());
    }
}
