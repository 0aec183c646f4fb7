package a1.kernels.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.spec.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The regrouped K-quant copies, called directly as the pool's threads call them (one prepare per batch, then
 * several ranges of groups), give the row kernel's dot bit for bit for every token of a batch that takes both the
 * four-token and the one-token path, and refuse a batch they were not prepared for.
 */
class KGroupsSimdTest {
    private static final int ROWS = KGroups.ROWS;

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_K", "Q5_K", "Q6_K"})
    void rangesOfGroupsFromOnePrepareEqualTheRowKernel(GgmlType type) {
        int rows = 3 * ROWS, cols = 2 * KGroups.BLOCK, tokens = 6;
        Random rnd = new Random(11);
        MemorySegment w = RandomRows.weights(type, rows, cols, 0, false, rnd);
        long rowBytes = type.byteSize(cols);
        KGroups groups = regroup(type, w, rows, cols);
        Activations a = new Activations();
        a.set(ActivationType.Q8_K, RandomRows.activations(tokens, cols, false, rnd), 0, tokens, cols);
        float[] out = new float[tokens * rows];
        groups.prepare(a);
        groups.apply(2, 3, a, out, 0, rows);
        groups.apply(0, 2, a, out, 0, rows);
        WeightFormat f = Formats.of(type);
        for (int t = 0; t < tokens; t++) {
            for (int r = 0; r < rows; r++) assertEquals(f.dot(w, r * rowBytes, a, t), out[t * rows + r], type + " token " + t + " row " + r);
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_K", "Q5_K", "Q6_K"})
    void applyWithoutPrepareForTheBatchIsRefused(GgmlType type) {
        int cols = KGroups.BLOCK;
        Random rnd = new Random(5);
        KGroups groups = regroup(type, RandomRows.weights(type, ROWS, cols, 0, false, rnd), ROWS, cols);
        UnpreparedBatch.assertRefused(groups, ActivationType.Q8_K, ROWS, cols, rnd);
    }

    private static KGroups regroup(GgmlType type, MemorySegment w, int rows, int cols) {
        return switch (type) {
            case Q4_K -> Q4_KGroups.of(w, rows, cols);
            case Q5_K -> Q5_KGroups.of(w, rows, cols);
            case Q6_K -> Q6_KGroups.of(w, rows, cols);
            default -> throw new IllegalArgumentException(type.toString());
        };
    }
}
