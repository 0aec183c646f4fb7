package a1.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import a1.kernels.format.Activations;
import a1.kernels.format.Formats;
import a1.kernels.format.WeightFormat;
import a1.spec.gguf.GgmlType;
import a1.spec.gguf.GgufFile;
import a1.spec.gguf.GgufTensorInfo;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MatMulTest {
    /**
     * Batched, offset, multi-threaded matmul on real tensors gives exactly the per-row kernel dots: the batch kernel's
     * where ggml uses another kernel for the shape and batch, else the one-token dot; also when the batch is split
     * in passes (of 4 tokens here: 4 + 2), which must keep ggml's kernel choice for the whole batch.
     */
    @ParameterizedTest
    @ValueSource(strings = {"synth-k.F32.gguf", "synth-k.F16.gguf", "synth-k.BF16.gguf", "synth-k.Q8_0.gguf",
            "synth-k.Q4_0.gguf", "synth-k.Q4_K_S.gguf", "synth-k.Q6_K.gguf"})
    void batchedMatMulEqualsTheRowKernel(String file) throws IOException {
        try (GgufFile g = GgufFile.open(SharedModels.model(file)); Parallel pool = new Parallel(2)) {
            Random rnd = new Random(file.hashCode());
            for (String name : new String[] {"blk.0.attn_k.weight", "blk.1.ffn_down.weight", "blk.3.attn_v.weight"}) {
                GgufTensorInfo t = g.tensor(name);
                WeightMatrix w = new WeightMatrix(t.type(), g.data(t), (int) t.dim(1), (int) t.dim(0));
                int n = 6, xOff = 5, outOff = 2;
                float[] x = new float[xOff + n * w.cols()];
                for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
                MatMul mm = new MatMul(pool);
                float[] out = new float[outOff + n * w.rows() + 1];
                mm.apply(w, x, xOff, n, out, outOff);
                float[] passes = new float[out.length];
                new MatMul(pool, 4L * 4 * w.cols()).apply(w, x, xOff, n, passes, outOff);

                WeightFormat f = Formats.of(w.type());
                Activations a = new Activations();
                a.set(f.activation(), x, xOff, n, w.cols());
                boolean alt = f.altKernel(w.rows(), w.cols(), n);
                for (int tok = 0; tok < n; tok++) {
                    for (int r = 0; r < w.rows(); r++) {
                        long off = r * w.rowBytes();
                        float expected = alt ? f.dotAlt(w.data(), off, a, tok) : f.dot(w.data(), off, a, tok);
                        assertEquals(expected, out[outOff + tok * w.rows() + r], name + " token " + tok + " row " + r);
                        assertEquals(expected, passes[outOff + tok * w.rows() + r], name + " in passes, token " + tok + " row " + r);
                    }
                }
                assertEquals(0f, out[0]);
                assertEquals(0f, out[out.length - 1]);
                assertEquals(0f, passes[0]);
                assertEquals(0f, passes[passes.length - 1]);

                float[] single = new float[w.rows()];
                mm.apply(w, x, xOff + w.cols(), 1, single, 0);
                boolean altSingle = f.altKernel(w.rows(), w.cols(), 1);
                for (int r = 0; r < w.rows(); r++) {
                    long off = r * w.rowBytes();
                    assertEquals(altSingle ? f.dotAlt(w.data(), off, a, 1) : f.dot(w.data(), off, a, 1), single[r], "single token, row " + r);
                }
            }
        }
    }

    /**
     * Q4_0's regrouped kernel (whole groups of rows, then the rows after them) gives dotAlt's results bit for bit,
     * over several scale spans and every token count up to 9, also at the 16-bit extremes of its block sums
     * (weights all -8 or all 7 against blocks of activations quantized to 127 and to -127: block dots of -+32512
     * and +-28448). 7 groups of 16 rows (15 of 8 at 256 bits) and 8 more rows, on one thread (one range of every
     * group, the last of which the one-token kernel takes without a partner) and on two (shorter ranges).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void regroupedQ4_0EqualsTheRowKernel(boolean extreme) {
        int rows = 120, cols = 34 * 32;
        MemorySegment seg = Arena.ofAuto().allocate(rows * GgmlType.Q4_0.byteSize(cols));
        Random rnd = new Random(extreme ? 2 : 1);
        long w0 = GgmlType.Q4_0.byteSize(cols);
        for (long i = 0; i < seg.byteSize(); i++) seg.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, extreme ? (byte) (i / w0 % 2 == 0 ? 0 : -1) : (byte) rnd.nextInt());
        for (long b = 0; b < seg.byteSize() / 18; b++) {
            seg.set(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, b * 18, Float.floatToFloat16((float) (rnd.nextGaussian() * 0.05)));
        }
        WeightMatrix w = new WeightMatrix(GgmlType.Q4_0, seg, rows, cols);
        WeightFormat f = Formats.of(GgmlType.Q4_0);
        for (int threads = 1; threads <= 2; threads++) {
            try (Parallel pool = new Parallel(threads)) {
                BatchChecks.upToNineTokens(new MatMul(pool), w, n -> {
                    float[] x = new float[n * cols];
                    for (int i = 0; i < x.length; i++) x[i] = extreme ? (i / 64 % 2 == 0 ? 1f : -1f) : (float) rnd.nextGaussian();
                    return x;
                }, (a, t, r, actual, where) -> assertEquals(f.dotAlt(seg, r * w.rowBytes(), a, t), actual, where));
            }
        }
    }

    /**
     * Through MatMul on two threads (so each thread's rows start and end off the batch kernels' tiles, for row counts
     * that are and are not multiples of FloatTiles' six), every batch of 1 to 17 tokens, and of 33 and 70 (more than
     * one of FloatTiles' blocks of 32 tokens, the last one short), gives the per-row kernel's results bit for bit for
     * the formats with batch kernels; also in passes of four tokens, where a last pass of one token must keep the
     * order ggml chose for the whole batch.
     */
    @ParameterizedTest
    @ValueSource(strings = {"F32", "F16", "Q8_0"})
    void batchKernelsThroughMatMulEqualTheRowKernel(String typeName) {
        GgmlType type = GgmlType.valueOf(typeName);
        for (int rows : new int[] {4 * 9, 4 * 11}) {
            int cols = 32 * 19;
            MemorySegment seg = Arena.ofAuto().allocate(rows * type.byteSize(cols));
            Random rnd = new Random(type.ordinal());
            fillGaussian(type, seg, rnd);
            try (Parallel pool = new Parallel(2)) {
                checkBatches(new MatMul(pool), new WeightMatrix(type, seg, rows, cols), rnd);
                checkBatches(new MatMul(pool, 4L * 4 * cols), new WeightMatrix(type, seg, rows, cols), rnd);
            }
        }
    }

    /** An F16 matrix with an infinite weight has no FiniteF16Rows: its batches run on the row kernels, still bit for bit. */
    @Test
    void f16BatchesWithAnInfiniteWeightKeepTheRowKernels() {
        int rows = 4 * 3, cols = 64;
        MemorySegment seg = Arena.ofAuto().allocate(rows * GgmlType.F16.byteSize(cols));
        Random rnd = new Random(3);
        fillGaussian(GgmlType.F16, seg, rnd);
        seg.set(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, 2L * (5 * cols + 7), (short) 0x7C00);
        try (Parallel pool = new Parallel(2)) {
            checkBatches(new MatMul(pool), new WeightMatrix(GgmlType.F16, seg, rows, cols), rnd);
        }
    }

    /** Every weight of {@code seg} a Gaussian (times 0.01 for Q8_0's scales), in {@code type}. */
    private static void fillGaussian(GgmlType type, MemorySegment seg, Random rnd) {
        for (long i = 0; i < seg.byteSize(); i++) seg.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt());
        var layout = java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
        long step = type == GgmlType.F32 ? 4 : type == GgmlType.F16 ? 2 : 34;
        for (long p = 0; p < seg.byteSize(); p += step) {
            float v = (float) (rnd.nextGaussian() * (type == GgmlType.Q8_0 ? 0.01 : 1));
            if (type == GgmlType.F32) seg.set(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), p, v);
            else seg.set(layout, p, Float.floatToFloat16(v));
        }
    }

    /** Batches of 1 to 17, 33 and 70 tokens through {@code mm} equal the per-row kernel ggml picks for the batch. */
    private static void checkBatches(MatMul mm, WeightMatrix w, Random rnd) {
        WeightFormat f = Formats.of(w.type());
        int rows = w.rows(), cols = w.cols();
        for (int n : java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(1, 17), java.util.stream.IntStream.of(33, 70)).toArray()) {
            float[] x = new float[n * cols];
            for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
            float[] out = new float[n * rows];
            mm.apply(w, x, n, out);
            Activations a = new Activations();
            a.set(f.activation(), x, 0, n, cols);
            boolean alt = f.altKernel(rows, cols, n);
            for (int t = 0; t < n; t++) {
                for (int r = 0; r < rows; r++) {
                    float want = alt ? f.dotAlt(w.data(), r * w.rowBytes(), a, t) : f.dot(w.data(), r * w.rowBytes(), a, t);
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(out[t * rows + r]),
                            w.type() + " " + rows + " rows, " + n + " tokens, token " + t + " row " + r);
                }
            }
        }
    }

    @Test
    void weightMatrixRejectsInconsistentShapes() {
        MemorySegment seg = Arena.ofAuto().allocate(18 * 4);
        new WeightMatrix(GgmlType.Q4_0, seg, 2, 64);
        assertThrows(IllegalArgumentException.class, () -> new WeightMatrix(GgmlType.Q4_0, seg, 2, 48));
        assertThrows(IllegalArgumentException.class, () -> new WeightMatrix(GgmlType.Q4_0, seg, 3, 64));
        assertThrows(IllegalArgumentException.class, () -> new WeightMatrix(GgmlType.Q2_K, seg, 1, 256));
        assertThrows(IllegalArgumentException.class, () -> new WeightMatrix(GgmlType.F32, seg, 0, 18));
    }

    @Test
    void matMulRejectsShortBuffers() {
        try (Parallel pool = new Parallel(1)) {
            MatMul mm = new MatMul(pool);
            WeightMatrix w = new WeightMatrix(GgmlType.F32, Arena.ofAuto().allocate(4 * 8), 2, 4);
            assertThrows(IndexOutOfBoundsException.class, () -> mm.apply(w, new float[7], 2, new float[4]));
            assertThrows(IndexOutOfBoundsException.class, () -> mm.apply(w, new float[8], 2, new float[3]));
            assertThrows(IllegalArgumentException.class, () -> mm.apply(w, new float[8], 0, new float[4]));
        }
    }
}
