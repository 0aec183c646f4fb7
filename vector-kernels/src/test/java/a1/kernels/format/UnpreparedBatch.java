package a1.kernels.format;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

/** A regrouped kernel given the next batch without its prepare refuses it, rather than read the last batch's layouts. */
final class UnpreparedBatch {
    static void assertRefused(RowGroups groups, ActivationType type, int rows, int cols, Random rnd) {
        Activations a = new Activations();
        a.set(type, RandomRows.activations(1, cols, false, rnd), 0, 1, cols);
        groups.prepare(a);
        float[] out = new float[rows];
        groups.apply(0, 1, a, out, 0, rows);
        a.set(type, RandomRows.activations(1, cols, false, rnd), 0, 1, cols);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> groups.apply(0, 1, a, out, 0, rows));
        assertTrue(e.getMessage().contains("not prepared"), e.getMessage());
    }

    private UnpreparedBatch() {}
}
