package a1.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.kernels.format.Simd;
import a1.spec.gguf.GgmlType;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitWarmUpTest {

    /** Every format's one-token product runs on the warm-up's matrix shape, and the warm-up ends within its budget. */
    @Test
    void warmsEveryFormatOnce() {
        List<GgmlType> types = List.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_1,
                GgmlType.Q5_0, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K);
        long t0 = System.nanoTime();
        JitWarmUp.oneToken(types);
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        for (GgmlType t : types) assertEquals(Simd.ENABLED, JitWarmUp.warmed(t), t.toString());
        assertTrue(seconds <= 3L * types.size(), "took " + seconds + " s");
    }
}
