package a1.kernels.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import a1.spec.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The batch kernels (several rows and tokens per pass) give, bit for bit, the per-(row, token) kernel ggml's order
 * calls for: {@link WeightFormat#dotAlt} where {@link WeightFormat#altKernel} holds, else {@link WeightFormat#dot}.
 * Random weights (every Q8_0 quant byte, -128 included), every batch of 2 to 17 tokens, row ranges that start and
 * end off the tile, an odd number of blocks per row, weights at an odd byte offset, and rows of zeros (whose block
 * sums are zero whatever the sign of the products). Rerun at every forced width; where a width has no batch kernel
 * the test checks that the format says so. F16's batch kernel is its matrix's {@link FiniteF16Rows} in tinyBLAS's
 * order ({@link RowGroups#kernelFor}), which reads {@link FloatTiles#F16}.
 */
class BatchKernelSimdTest {
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0"})
    void batchKernelEqualsTheRowKernelBitForBit(GgmlType type) {
        WeightFormat f = Formats.of(type);
        int rows = 4 * 7, cols = 32 * 37, shift = 3;
        Random rnd = new Random(type.ordinal());
        MemorySegment w = RandomRows.weights(type, rows, cols, shift, false, rnd).asSlice(shift);
        long rowBytes = type.byteSize(cols);
        w.asSlice(5 * rowBytes, rowBytes).fill((byte) 0);
        if (type == GgmlType.Q8_0) {
            for (int b = 0; b < cols / 32; b++) w.set(Le.SHORT, 5 * rowBytes + 34L * b, Float.floatToFloat16(0.5f));
        }
        boolean expected = Simd.BITS >= (type == GgmlType.Q8_0 ? 256 : 512);
        Activations a = new Activations();
        for (int n = 2; n <= 17; n++) {
            float[] x = RandomRows.activations(n, cols, false, rnd);
            for (int i = 0; i < cols; i += 3) x[i] = 0;
            a.set(f.activation(), x, 0, n, cols);
            BatchKernel k = type == GgmlType.F16 ? f16Kernel(w, rows, cols, f.altKernel(rows, cols, n)) : f.batch(rows, cols, n);
            if (!expected) {
                assertNull(k, type + " has no batch kernel at " + Simd.BITS + " bits");
                continue;
            }
            assertNotNull(k, type + " batch kernel at " + Simd.BITS + " bits");
            boolean alt = f.altKernel(rows, cols, n);
            int from = n % 5, to = rows - n % 3, outOffset = 7;
            float[] out = new float[outOffset + n * rows];
            k.prepare(a);
            k.apply(w, rowBytes, from, to, a, out, outOffset, rows);
            for (int t = 0; t < n; t++) {
                for (int r = 0; r < rows; r++) {
                    float got = out[outOffset + t * rows + r];
                    if (r < from || r >= to) {
                        assertEquals(0f, got, "row " + r + " is outside [" + from + ", " + to + ")");
                        continue;
                    }
                    float want = alt ? f.dotAlt(w, r * rowBytes, a, t) : f.dot(w, r * rowBytes, a, t);
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got), type + " " + n + " tokens, token " + t + " row " + r + ": " + want + " vs " + got);
                }
            }
        }
    }

    /** F16's batches as a BatchKernel: the matrix's FiniteF16Rows (null without 16 lanes) in the order ggml picks. */
    private static BatchKernel f16Kernel(MemorySegment w, int rows, int cols, boolean alt) {
        FiniteF16Rows checked = FiniteF16Rows.of(w, rows, cols);
        if (checked == null) return null;
        RowGroups k = checked.kernelFor(alt);
        return new BatchKernel() {
            @Override
            public void prepare(Activations a) {
                k.prepare(a);
            }

            @Override
            public void apply(MemorySegment ignored, long rowBytes, int from, int to, Activations a, float[] out, int outOffset, int rows) {
                k.apply(from, to, a, out, outOffset, rows);
            }
        };
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0"})
    void oneTokenOrAShapeTinyBlasRefusesHasNoBatchKernel(GgmlType type) {
        WeightFormat f = Formats.of(type);
        assertNull(f.batch(64, 512, 1));
        if (type != GgmlType.Q8_0) assertNull(f.batch(66, 512, 8), "tinyBLAS needs rows % 4 == 0");
    }
}
