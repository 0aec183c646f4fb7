package a1.kernels.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import a1.spec.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Q8_0's regrouped copy, called directly (MatMul takes it for one token only), gives {@link Q8_0#dot} and its scalar
 * reference bit for bit for every token of a batch and for groups taken from the middle of the matrix, leaving the
 * other rows alone; with fewer rows than a group, or with SIMD off, there is no copy.
 */
class Q8_0GroupsSimdTest {
    @Test
    void everyTokenOfEveryGroupEqualsTheRowKernel() {
        int rows = 4 * Q8_0Groups.ROWS - 1, cols = 9 * 32, tokens = 3;
        Random rnd = new Random(7);
        MemorySegment w = RandomRows.weights(GgmlType.Q8_0, rows, cols, 0, false, rnd);
        long rowBytes = GgmlType.Q8_0.byteSize(cols);
        Q8_0Groups groups = Q8_0Groups.of(w, rows, cols);
        assertEquals(3, groups.groups());
        Activations a = new Activations();
        a.set(ActivationType.Q8_0, RandomRows.activations(tokens, cols, false, rnd), 0, tokens, cols);
        float[] out = new float[2 + tokens * rows];
        groups.prepare(a);
        groups.apply(1, 3, a, out, 2, rows);
        for (int t = 0; t < tokens; t++) {
            for (int r = 0; r < rows; r++) {
                float got = out[2 + t * rows + r];
                if (r < Q8_0Groups.ROWS || r >= 3 * Q8_0Groups.ROWS) {
                    assertEquals(0f, got, "row " + r + " is outside groups 1-2 and must stay untouched");
                } else {
                    assertEquals(Q8_0.INSTANCE.dot(w, r * rowBytes, a, t), got, "token " + t + " row " + r);
                    assertEquals(Q8_0.INSTANCE.dotScalar(w, r * rowBytes, a, t), got, "token " + t + " row " + r);
                }
            }
        }
    }

    /** The pairs are built per batch by prepare: after the next set() without it, apply refuses the stale ones. */
    @Test
    void applyWithoutPrepareForTheBatchIsRefused() {
        int rows = Q8_0Groups.ROWS, cols = 64;
        Random rnd = new Random(5);
        Q8_0Groups groups = Q8_0Groups.of(RandomRows.weights(GgmlType.Q8_0, rows, cols, 0, false, rnd), rows, cols);
        UnpreparedBatch.assertRefused(groups, ActivationType.Q8_0, rows, cols, rnd);
    }

    @Test
    void noCopyForFewerRowsThanAGroupOrWithoutSimd() {
        int cols = 64;
        MemorySegment w = RandomRows.weights(GgmlType.Q8_0, Q8_0Groups.ROWS, cols, 0, false, new Random(3));
        assertNull(Q8_0Groups.of(w, Q8_0Groups.ROWS - 1, cols));
        if (!Simd.ENABLED) assertNull(Q8_0.INSTANCE.regroup(w, Q8_0Groups.ROWS, cols));
    }
}
