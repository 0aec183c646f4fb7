package a1.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import a1.spec.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Where the kernels read a matrix's rows: F16 and F32 from a copy made once, the others from the GGUF rows. */
class WeightMatrixTest {
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F16", "F32"})
    void f16AndF32ReadACopyOfTheirRowsMadeOnce(GgmlType type) {
        MemorySegment data = randomBytes(type, 40, 256).asReadOnly();
        WeightMatrix w = new WeightMatrix(type, data, 40, 256);
        MemorySegment rows = w.rowMemory();
        assertNotEquals(data.address(), rows.address());
        assertEquals(-1, data.mismatch(rows));
        assertSame(rows, w.rowMemory());
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"BF16", "Q8_0", "Q4_0", "Q4_K"})
    void otherFormatsReadTheirGgufRows(GgmlType type) {
        MemorySegment data = randomBytes(type, 40, 256);
        assertSame(data, new WeightMatrix(type, data, 40, 256).rowMemory());
    }

    /** Random bytes with every F16 exponent below all-ones, so that no weight is infinite or NaN. */
    private static MemorySegment randomBytes(GgmlType type, int rows, int cols) {
        byte[] b = new byte[Math.toIntExact(rows * type.byteSize(cols))];
        new Random(7).nextBytes(b);
        for (int i = 1; i < b.length; i += 2) b[i] &= 0x3F;
        return Arena.ofAuto().allocate(b.length).copyFrom(MemorySegment.ofArray(b));
    }
}
