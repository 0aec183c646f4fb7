package a1.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.kernels.format.Simd;
import a1.spec.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitWarmUpTest {
    private static final List<GgmlType> TYPES = List.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0,
            GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K);

    private static WeightMatrix zeros(GgmlType type, int rows, int cols) {
        return new WeightMatrix(type, Arena.ofAuto().allocate(rows * type.byteSize(cols), 64), rows, cols);
    }

    /** Every format is looked at once, and each regrouped one-token product runs on the warm-up's view within its budget. */
    @Test
    void warmsEveryFormatOnce() {
        List<WeightMatrix> matrices = TYPES.stream().map(t -> zeros(t, 300, 2048)).toList();
        long t0 = System.nanoTime();
        JitWarmUp.oneToken(matrices);
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        for (GgmlType t : TYPES) assertEquals(Simd.ENABLED, JitWarmUp.warmed(t), t.toString());
        assertTrue(seconds <= 3L * TYPES.size(), "took " + seconds + " s");
    }

    /** The view is the matrix's own memory from its first byte, as many whole rows of up to 1024 elements as fit 64. */
    @Test
    void viewIsTheStartOfTheMatrix() {
        WeightMatrix big = zeros(GgmlType.Q4_K, 300, 2048);
        WeightMatrix v = JitWarmUp.view(big);
        assertEquals(64, v.rows());
        assertEquals(1024, v.cols());
        assertEquals(big.data().address(), v.data().address());

        WeightMatrix tiny = zeros(GgmlType.Q8_0, 3, 64);
        WeightMatrix t = JitWarmUp.view(tiny);
        assertEquals(3, t.rows());
        assertEquals(64, t.cols());
        assertEquals(tiny.data().byteSize(), t.data().byteSize());
    }
}
