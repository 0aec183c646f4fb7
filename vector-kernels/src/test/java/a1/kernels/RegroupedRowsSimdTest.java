package a1.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.kernels.format.Activations;
import a1.kernels.format.Formats;
import a1.kernels.format.WeightFormat;
import a1.spec.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The regrouped kernels of Q8_0 and the K-quants (whole groups of rows through the copy, the rows after them through
 * the row kernel) give the one-row {@link WeightFormat#dot} and its scalar reference bit for bit, for 1 to 9 tokens
 * (Q8_0 takes its copy for one token only), on random bytes (every bit pattern is a valid quant and scale) and at
 * the extremes of the integer sums (activations quantized to -127 against the largest quants and scales). Runs at
 * every forced vector width, and with SIMD off.
 */
class RegroupedRowsSimdTest {
    @ParameterizedTest
    @CsvSource({"Q8_0, false", "Q8_0, true", "Q4_K, false", "Q4_K, true", "Q5_K, false", "Q5_K, true", "Q6_K, false", "Q6_K, true"})
    void regroupedKernelEqualsTheRowKernel(GgmlType type, boolean extreme) {
        int rows = 69, cols = 3 * 256;
        long rowBytes = type.byteSize(cols);
        MemorySegment seg = Arena.ofAuto().allocate(rows * rowBytes);
        Random rnd = new Random(extreme ? 2 : 1);
        for (long i = 0; i < seg.byteSize(); i++) seg.set(ValueLayout.JAVA_BYTE, i, extreme ? extremeByte(type, i % type.blockBytes()) : (byte) rnd.nextInt());
        for (long p = 0; p < seg.byteSize(); p += type.blockBytes()) {
            for (long s : scaleOffsets(type)) {
                seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, p + s, Float.floatToFloat16((float) (rnd.nextGaussian() * 0.05)));
            }
        }
        WeightMatrix w = new WeightMatrix(type, seg, rows, cols);
        WeightFormat f = Formats.of(type);
        try (Parallel pool = new Parallel(2)) {
            BatchChecks.upToNineTokens(new MatMul(pool), w, n -> {
                float[] x = new float[n * cols];
                for (int i = 0; i < x.length; i++) x[i] = extreme ? (type == GgmlType.Q8_0 && i / 64 % 2 == 1 ? -1f : 1f) : (float) (rnd.nextGaussian() * (1 + i % 7));
                return x;
            }, (a, t, r, actual, where) -> {
                assertEquals(f.dot(seg, r * rowBytes, a, t), actual, type + ", " + where);
                assertEquals(f.dotScalar(seg, r * rowBytes, a, t), actual, type + ", " + where);
            });
        }
    }

    /**
     * Q8_0's scales drawn from every finite F16 bit pattern (subnormals, zeros of both signs, the largest values
     * too), so the scale products and the fused multiply-adds meet underflow, overflow and infinities alike.
     */
    @ParameterizedTest
    @ValueSource(ints = {16, 33, 48})
    void regroupedQ8_0EqualsTheRowKernelForAnyFiniteScale(int rows) {
        int cols = 7 * 32;
        long rowBytes = GgmlType.Q8_0.byteSize(cols);
        MemorySegment seg = Arena.ofAuto().allocate(rows * rowBytes);
        Random rnd = new Random(rows);
        for (long i = 0; i < seg.byteSize(); i++) seg.set(ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt());
        for (long p = 0; p < seg.byteSize(); p += 34) {
            short h;
            do h = (short) rnd.nextInt(); while ((h & 0x7C00) == 0x7C00);
            seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, p, h);
        }
        WeightMatrix w = new WeightMatrix(GgmlType.Q8_0, seg, rows, cols);
        WeightFormat f = Formats.of(GgmlType.Q8_0);
        try (Parallel pool = new Parallel(2)) {
            MatMul mm = new MatMul(pool);
            for (int k = 0; k < 5; k++) {
                float[] x = new float[cols];
                for (int i = 0; i < cols; i++) x[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4));
                float[] out = new float[rows];
                mm.apply(w, x, 1, out);
                Activations a = new Activations();
                a.set(f.activation(), x, 0, 1, cols);
                for (int r = 0; r < rows; r++) {
                    assertEquals(f.dotScalar(seg, r * rowBytes, a, 0), out[r], "pass " + k + " row " + r);
                    assertEquals(f.dot(seg, r * rowBytes, a, 0), out[r], "pass " + k + " row " + r);
                }
            }
        }
    }

    /**
     * Q8_0: every quant -128 against blocks of 127 and of -127 (two of each in turn), whose products sum to +-65024 per lane and +-32512 per 16-bit half.
     * Q4_K and Q5_K: every bit set (quants 15 or 31, scales and mins 63). Q6_K: quants 0 (weight -32) and scales -128, whose
     * lane sums reach 8*128*4*32*127, just below 2^24.
     */
    private static byte extremeByte(GgmlType type, long inBlock) {
        return switch (type) {
            case Q8_0 -> inBlock < 2 ? 0 : (byte) -128;
            case Q4_K, Q5_K -> (byte) -1;
            case Q6_K -> inBlock >= 192 && inBlock < 208 ? (byte) -128 : 0;
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    /** Offsets of the F16 scales within a block, set to finite values. */
    private static long[] scaleOffsets(GgmlType type) {
        return switch (type) {
            case Q8_0 -> new long[] {0};
            case Q4_K, Q5_K -> new long[] {0, 2};
            case Q6_K -> new long[] {208};
            default -> throw new IllegalArgumentException(type.toString());
        };
    }
}
