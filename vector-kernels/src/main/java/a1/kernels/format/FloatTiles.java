package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * llamafile's tinyBLAS order for F16 and F32 batches ({@link FloatDots#gemm}: one 16-lane chain of fused
 * multiply-adds per row and token, then the lane tree), computed {@link #ROWS} rows by {@link #TOKENS} tokens at
 * a time as tinyBLAS's register tiles do. Each F16 row is widened to floats once per call, into per-thread
 * scratch, and every token reuses it; F32 rows are read in place. Per (row, token) the chain is the same, so the
 * results are dotAlt's bit for bit.
 * Rows and tokens past the last whole tile repeat the last one and their results are dropped, so one tile kernel
 * (one call site, as C2 needs) serves every shape.
 */
final class FloatTiles implements BatchKernel {
    static final FloatTiles F16 = new FloatTiles(true);
    static final FloatTiles F32 = new FloatTiles(false);
    static final int ROWS = 4;
    static final int TOKENS = 4;
    private static final int LANES = 16;
    /**
     * Tokens taken against each row before the next rows: their activations (512 KB of floats at 4,096 columns)
     * stay in the L2 while the rows pass, instead of the whole batch coming from the L3 for every four rows; each
     * row is then read (and, for F16, widened) once per block. A probe of {@link #apply} alone on 1024x4096 x 128
     * tokens, F16 / F32: 88.7 / 92.2 GFLOP/s for the whole batch at once, 110.6 / 105.8 in blocks of 16, 117.5 /
     * 117.9 of 32, 106.7 / 104.4 of 64. Q8_0Tiles, whose rows cost more to widen, got slower with it (big-Q8_0
     * prefill 41.3 / 40.3 -> 38.1 / 35.8 tok/s), so it takes the whole batch.
     */
    private static final int TOKEN_BLOCK = 32;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final boolean half;

    private FloatTiles(boolean half) {
        this.half = half;
    }

    /** The kernel for F16 ({@code half}) or F32 weights where tinyBLAS takes the batch and 16-lane SIMD is on, else null. */
    static BatchKernel of(boolean half, int rows, int cols, int tokens) {
        if (!FloatDots.SIMD || tokens < 2 || !FloatDots.gemmApplies(rows, cols)) return null;
        return half ? F16 : F32;
    }

    private static final class Scratch {
        float[] rows = new float[0];
        final float[] lanes = new float[ROWS * TOKENS * LANES];
    }

    @Override
    public void apply(MemorySegment w, long rowBytes, int from, int to, Activations a, float[] out, int outOffset, int rows) {
        Scratch s = SCRATCH.get();
        int cols = a.cols(), n = a.tokens();
        if (half && s.rows.length < ROWS * cols) s.rows = new float[ROWS * cols];
        float[] wf = s.rows, lanes = s.lanes;
        for (int b0 = 0; b0 < n; b0 += TOKEN_BLOCK) {
            int b1 = Math.min(n, b0 + TOKEN_BLOCK);
            for (int r0 = from; r0 < to; r0 += ROWS) {
                int nr = Math.min(ROWS, to - r0);
                if (half) for (int i = 0; i < ROWS; i++) Simd.halvesToFloats(w, (r0 + Math.min(i, nr - 1)) * rowBytes, cols, wf, i * cols);
                for (int t0 = b0; t0 < b1; t0 += TOKENS) {
                    int nt = Math.min(TOKENS, b1 - t0), last = t0 + nt - 1;
                    int x1 = Math.min(t0 + 1, last) * cols, x2 = Math.min(t0 + 2, last) * cols;
                    if (half) {
                        tile(wf, cols, a.values, t0 * cols, x1, x2, last * cols, lanes);
                    } else {
                        long o1 = (r0 + Math.min(1, nr - 1)) * rowBytes, o2 = (r0 + Math.min(2, nr - 1)) * rowBytes, o3 = (r0 + nr - 1) * rowBytes;
                        tile(w, r0 * rowBytes, o1, o2, o3, cols, a.values, t0 * cols, x1, x2, last * cols, lanes);
                    }
                    for (int j = 0; j < nt; j++) {
                        int o = outOffset + (t0 + j) * rows + r0;
                        for (int i = 0; i < nr; i++) out[o + i] = tree(lanes, (j * ROWS + i) * LANES);
                    }
                }
            }
        }
    }

    /**
     * The chains of rows 0-3 of {@code w} (each {@code cols} long) with the tokens at {@code x0..x3}, left as lanes
     * in {@code lanes} (row i, token j at {@code (4j + i) * 16}). Sixteen accumulators, as tinyBLAS keeps its tile
     * in registers; each weight vector is loaded once for the four tokens.
     */
    private static void tile(float[] w, int cols, float[] x, int x0, int x1, int x2, int x3, float[] lanes) {
        FloatVector c00 = FloatVector.zero(F), c10 = c00, c20 = c00, c30 = c00, c01 = c00, c11 = c00, c21 = c00, c31 = c00;
        FloatVector c02 = c00, c12 = c00, c22 = c00, c32 = c00, c03 = c00, c13 = c00, c23 = c00, c33 = c00;
        for (int k = 0; k < cols; k += LANES) {
            FloatVector w0 = FloatVector.fromArray(F, w, k), w1 = FloatVector.fromArray(F, w, cols + k);
            FloatVector w2 = FloatVector.fromArray(F, w, 2 * cols + k), w3 = FloatVector.fromArray(F, w, 3 * cols + k);
            FloatVector v = FloatVector.fromArray(F, x, x0 + k);
            c00 = w0.fma(v, c00);
            c10 = w1.fma(v, c10);
            c20 = w2.fma(v, c20);
            c30 = w3.fma(v, c30);
            v = FloatVector.fromArray(F, x, x1 + k);
            c01 = w0.fma(v, c01);
            c11 = w1.fma(v, c11);
            c21 = w2.fma(v, c21);
            c31 = w3.fma(v, c31);
            v = FloatVector.fromArray(F, x, x2 + k);
            c02 = w0.fma(v, c02);
            c12 = w1.fma(v, c12);
            c22 = w2.fma(v, c22);
            c32 = w3.fma(v, c32);
            v = FloatVector.fromArray(F, x, x3 + k);
            c03 = w0.fma(v, c03);
            c13 = w1.fma(v, c13);
            c23 = w2.fma(v, c23);
            c33 = w3.fma(v, c33);
        }
        // Stored one by one, as in BF16Tiles: vectors handed to a shared helper are boxed and slow the loop 20-fold.
        c00.intoArray(lanes, 0);
        c10.intoArray(lanes, LANES);
        c20.intoArray(lanes, 2 * LANES);
        c30.intoArray(lanes, 3 * LANES);
        c01.intoArray(lanes, 4 * LANES);
        c11.intoArray(lanes, 5 * LANES);
        c21.intoArray(lanes, 6 * LANES);
        c31.intoArray(lanes, 7 * LANES);
        c02.intoArray(lanes, 8 * LANES);
        c12.intoArray(lanes, 9 * LANES);
        c22.intoArray(lanes, 10 * LANES);
        c32.intoArray(lanes, 11 * LANES);
        c03.intoArray(lanes, 12 * LANES);
        c13.intoArray(lanes, 13 * LANES);
        c23.intoArray(lanes, 14 * LANES);
        c33.intoArray(lanes, 15 * LANES);
    }

    /**
     * As {@link #tile(float[], int, float[], int, int, int, int, float[])} with F32 rows 0-3 read in place at bytes
     * {@code o0..o3} of {@code w}: copying them to the heap first cost 10% of the time, the copy not overlapping
     * the arithmetic as the loads of the rows in the loop do.
     */
    private static void tile(MemorySegment w, long o0, long o1, long o2, long o3, int cols, float[] x, int x0, int x1, int x2, int x3, float[] lanes) {
        FloatVector c00 = FloatVector.zero(F), c10 = c00, c20 = c00, c30 = c00, c01 = c00, c11 = c00, c21 = c00, c31 = c00;
        FloatVector c02 = c00, c12 = c00, c22 = c00, c32 = c00, c03 = c00, c13 = c00, c23 = c00, c33 = c00;
        for (int k = 0; k < cols; k += LANES) {
            FloatVector w0 = FloatVector.fromMemorySegment(F, w, o0 + 4L * k, Le.ORDER), w1 = FloatVector.fromMemorySegment(F, w, o1 + 4L * k, Le.ORDER);
            FloatVector w2 = FloatVector.fromMemorySegment(F, w, o2 + 4L * k, Le.ORDER), w3 = FloatVector.fromMemorySegment(F, w, o3 + 4L * k, Le.ORDER);
            FloatVector v = FloatVector.fromArray(F, x, x0 + k);
            c00 = w0.fma(v, c00);
            c10 = w1.fma(v, c10);
            c20 = w2.fma(v, c20);
            c30 = w3.fma(v, c30);
            v = FloatVector.fromArray(F, x, x1 + k);
            c01 = w0.fma(v, c01);
            c11 = w1.fma(v, c11);
            c21 = w2.fma(v, c21);
            c31 = w3.fma(v, c31);
            v = FloatVector.fromArray(F, x, x2 + k);
            c02 = w0.fma(v, c02);
            c12 = w1.fma(v, c12);
            c22 = w2.fma(v, c22);
            c32 = w3.fma(v, c32);
            v = FloatVector.fromArray(F, x, x3 + k);
            c03 = w0.fma(v, c03);
            c13 = w1.fma(v, c13);
            c23 = w2.fma(v, c23);
            c33 = w3.fma(v, c33);
        }
        // Stored one by one, as in BF16Tiles: vectors handed to a shared helper are boxed and slow the loop 20-fold.
        c00.intoArray(lanes, 0);
        c10.intoArray(lanes, LANES);
        c20.intoArray(lanes, 2 * LANES);
        c30.intoArray(lanes, 3 * LANES);
        c01.intoArray(lanes, 4 * LANES);
        c11.intoArray(lanes, 5 * LANES);
        c21.intoArray(lanes, 6 * LANES);
        c31.intoArray(lanes, 7 * LANES);
        c02.intoArray(lanes, 8 * LANES);
        c12.intoArray(lanes, 9 * LANES);
        c22.intoArray(lanes, 10 * LANES);
        c32.intoArray(lanes, 11 * LANES);
        c03.intoArray(lanes, 12 * LANES);
        c13.intoArray(lanes, 13 * LANES);
        c23.intoArray(lanes, 14 * LANES);
        c33.intoArray(lanes, 15 * LANES);
    }

    /** {@link a1.kernels.GgmlLanes#reduce} of the 16 lanes at {@code at}. */
    static float tree(float[] l, int at) {
        float t0 = l[at] + l[at + 8], t1 = l[at + 1] + l[at + 9], t2 = l[at + 2] + l[at + 10], t3 = l[at + 3] + l[at + 11];
        float t4 = l[at + 4] + l[at + 12], t5 = l[at + 5] + l[at + 13], t6 = l[at + 6] + l[at + 14], t7 = l[at + 7] + l[at + 15];
        float s0 = t0 + t4, s1 = t1 + t5, s2 = t2 + t6, s3 = t3 + t7;
        return (s0 + s2) + (s1 + s3);
    }
}
