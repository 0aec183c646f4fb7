package a1.kernels.format;

import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.S2I;

import a1.kernels.GgmlLanes;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * llamafile's tinyBLAS order for F16 and F32 batches ({@link FloatDots#gemm}: one 16-lane chain of fused
 * multiply-adds per row and token, then the lane tree), computed {@link #ROWS} rows by {@link #TOKENS} tokens at
 * a time in register tiles, as tinyBLAS does, with the rows read in place. Per (row, token) the chain is the same,
 * so the results are dotAlt's bit for bit.
 * <ul>
 * <li>The activations of a block of tokens come from the L2, and that traffic is what the tile's shape decides:
 * per 16 columns, six rows by four tokens read 448 bytes (F16 rows) or 640 (F32) for 24 fused multiply-adds, where
 * four by four read 384 or 512 for 16. (tinyBLAS's four rows by six tokens read 320, its activations being
 * F16 too; A1's are floats, for the exact conversion below.) Against four by four (F16 rows then widened into
 * scratch once per block), timed product by product inside big-F16 and big-F32 prefill after the JIT's warm-up:
 * 1.21-1.38x (F16) and 1.30-1.44x (F32) (docs/PERFORMANCE.md, session 12). 24 accumulators are all the registers
 * allow: C2 already keeps one of them on the stack.
 * <li>F16 rows are widened with {@link FiniteF16Rows}' conversion, exact only for finite weights and against
 * activations times 2^112, so only FiniteF16Rows hands out {@link #F16}, for matrices it has checked. The
 * conversion is written out at each row: as a shared helper, C2 stopped inlining it at the fifth call
 * (NodeCountInliningCutoff) and boxed its vectors, 0.19-0.27x.
 * <li>Rows and tokens past the last whole tile repeat the last one and their results are dropped, so one tile
 * kernel (one call site, as C2 needs) serves every shape.
 * </ul>
 */
final class FloatTiles implements BatchKernel {
    /** For F16 matrices with no infinite or NaN weight, against {@link Activations#buildScaledHalves}. */
    static final FloatTiles F16 = new FloatTiles(true);
    static final FloatTiles F32 = new FloatTiles(false);
    static final int ROWS = 6;
    static final int TOKENS = 4;
    private static final int LANES = 16;
    /**
     * Tokens taken against each row before the next rows: their activations (512 KB of floats at 4,096 columns)
     * stay in the L2 while the rows pass, instead of the whole batch coming from the L3 for every tile of rows. A
     * probe of {@link #apply} alone on 1024x4096 x 128 tokens, F16 / F32 in GFLOP/s: with 4 by 4 tiles 88.7 / 92.2
     * for the whole batch at once, 110.6 / 105.8 in blocks of 16, 117.5 / 117.9 of 32, 106.7 / 104.4 of 64; with 6
     * by 4 tiles 120.6 / 101.6 in blocks of 16, 145.5 / 114.0 of 32, 130.6 / 112.1 of 64. Q8_0Tiles, whose rows
     * cost more to widen, got slower with it (big-Q8_0 prefill 41.3 / 40.3 -> 38.1 / 35.8 tok/s), so it takes the
     * whole batch.
     */
    private static final int TOKEN_BLOCK = 32;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    /** Where a tile's 24 sums go in the scratch, after its chains and the padding of the second lane tree. */
    private static final int SUMS = 2 * LANES * LANES;
    private static final ThreadLocal<float[]> LANES_SCRATCH = ThreadLocal.withInitial(() -> new float[SUMS + 2 * LANES]);

    private final boolean half;

    private FloatTiles(boolean half) {
        this.half = half;
    }

    /** The kernel for F32 weights where tinyBLAS takes the batch and 16-lane SIMD is on, else null. */
    static BatchKernel ofF32(int rows, int cols, int tokens) {
        return FloatDots.SIMD && tokens >= 2 && FloatDots.gemmApplies(rows, cols) ? F32 : null;
    }

    @Override
    public void prepare(Activations a) {
        if (half) a.buildScaledHalves();
    }

    @Override
    public void apply(MemorySegment w, long rowBytes, int from, int to, Activations a, float[] out, int outOffset, int rows) {
        if (half) a.require(Activations.SCALED_HALVES);
        float[] lanes = LANES_SCRATCH.get();
        int cols = a.cols(), n = a.tokens();
        for (int b0 = 0; b0 < n; b0 += TOKEN_BLOCK) {
            int b1 = Math.min(n, b0 + TOKEN_BLOCK);
            for (int r0 = from; r0 < to; r0 += ROWS) {
                int nr = Math.min(ROWS, to - r0);
                long o0 = r0 * rowBytes, o1 = (r0 + Math.min(1, nr - 1)) * rowBytes, o2 = (r0 + Math.min(2, nr - 1)) * rowBytes;
                long o3 = (r0 + Math.min(3, nr - 1)) * rowBytes, o4 = (r0 + Math.min(4, nr - 1)) * rowBytes, o5 = (r0 + nr - 1) * rowBytes;
                for (int t0 = b0; t0 < b1; t0 += TOKENS) {
                    int nt = Math.min(TOKENS, b1 - t0), last = t0 + nt - 1;
                    int x1 = Math.min(t0 + 1, last) * cols, x2 = Math.min(t0 + 2, last) * cols;
                    if (half) tileF16(w, o0, o1, o2, o3, o4, o5, cols, a.scaledHalves, t0 * cols, x1, x2, last * cols, lanes);
                    else tileF32(w, o0, o1, o2, o3, o4, o5, cols, a.values, t0 * cols, x1, x2, last * cols, lanes);
                    GgmlLanes.reduceEach(lanes, 0, lanes, SUMS);
                    GgmlLanes.reduceEach(lanes, LANES * LANES, lanes, SUMS + LANES);
                    for (int j = 0; j < nt; j++) {
                        int o = outOffset + (t0 + j) * rows + r0;
                        for (int i = 0; i < nr; i++) out[o + i] = lanes[SUMS + j * ROWS + i];
                    }
                }
            }
        }
    }

    // The tiles leave the chain of row i and token j as the lanes at (6j + i) * 16, stored one by one, as in
    // BF16Tiles: vectors handed to a shared helper are boxed and slow the loop 20-fold. Each row slice is loaded
    // once for the four tokens. One tile per weight type, as FloatDots has one loop per type: a loop choosing
    // between the two loads would merge vectors from both and box them.

    /** The tile of six F16 rows (at bytes {@code o0..o5}) and four tokens of activations times 2^112. */
    private static void tileF16(MemorySegment w, long o0, long o1, long o2, long o3, long o4, long o5, int cols, float[] x, int x0, int x1, int x2, int x3, float[] lanes) {
        FloatVector c00 = FloatVector.zero(F), c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00, c01 = c00, c11 = c00, c21 = c00, c31 = c00, c41 = c00, c51 = c00;
        FloatVector c02 = c00, c12 = c00, c22 = c00, c32 = c00, c42 = c00, c52 = c00, c03 = c00, c13 = c00, c23 = c00, c33 = c00, c43 = c00, c53 = c00;
        for (int k = 0; k < cols; k += LANES) {
            FloatVector v0 = FloatVector.fromArray(F, x, x0 + k), v1 = FloatVector.fromArray(F, x, x1 + k);
            FloatVector v2 = FloatVector.fromArray(F, x, x2 + k), v3 = FloatVector.fromArray(F, x, x3 + k);
            FloatVector w0 = ((IntVector) ShortVector.fromMemorySegment(S, w, o0 + 2L * k, Le.ORDER).convertShape(S2I, I, 0)).lanewise(LSHL, 13).and(FiniteF16Rows.KEPT).reinterpretAsFloats();
            c00 = w0.fma(v0, c00);
            c01 = w0.fma(v1, c01);
            c02 = w0.fma(v2, c02);
            c03 = w0.fma(v3, c03);
            FloatVector w1 = ((IntVector) ShortVector.fromMemorySegment(S, w, o1 + 2L * k, Le.ORDER).convertShape(S2I, I, 0)).lanewise(LSHL, 13).and(FiniteF16Rows.KEPT).reinterpretAsFloats();
            c10 = w1.fma(v0, c10);
            c11 = w1.fma(v1, c11);
            c12 = w1.fma(v2, c12);
            c13 = w1.fma(v3, c13);
            FloatVector w2 = ((IntVector) ShortVector.fromMemorySegment(S, w, o2 + 2L * k, Le.ORDER).convertShape(S2I, I, 0)).lanewise(LSHL, 13).and(FiniteF16Rows.KEPT).reinterpretAsFloats();
            c20 = w2.fma(v0, c20);
            c21 = w2.fma(v1, c21);
            c22 = w2.fma(v2, c22);
            c23 = w2.fma(v3, c23);
            FloatVector w3 = ((IntVector) ShortVector.fromMemorySegment(S, w, o3 + 2L * k, Le.ORDER).convertShape(S2I, I, 0)).lanewise(LSHL, 13).and(FiniteF16Rows.KEPT).reinterpretAsFloats();
            c30 = w3.fma(v0, c30);
            c31 = w3.fma(v1, c31);
            c32 = w3.fma(v2, c32);
            c33 = w3.fma(v3, c33);
            FloatVector w4 = ((IntVector) ShortVector.fromMemorySegment(S, w, o4 + 2L * k, Le.ORDER).convertShape(S2I, I, 0)).lanewise(LSHL, 13).and(FiniteF16Rows.KEPT).reinterpretAsFloats();
            c40 = w4.fma(v0, c40);
            c41 = w4.fma(v1, c41);
            c42 = w4.fma(v2, c42);
            c43 = w4.fma(v3, c43);
            FloatVector w5 = ((IntVector) ShortVector.fromMemorySegment(S, w, o5 + 2L * k, Le.ORDER).convertShape(S2I, I, 0)).lanewise(LSHL, 13).and(FiniteF16Rows.KEPT).reinterpretAsFloats();
            c50 = w5.fma(v0, c50);
            c51 = w5.fma(v1, c51);
            c52 = w5.fma(v2, c52);
            c53 = w5.fma(v3, c53);
        }
        c00.intoArray(lanes, 0 * LANES);
        c10.intoArray(lanes, 1 * LANES);
        c20.intoArray(lanes, 2 * LANES);
        c30.intoArray(lanes, 3 * LANES);
        c40.intoArray(lanes, 4 * LANES);
        c50.intoArray(lanes, 5 * LANES);
        c01.intoArray(lanes, 6 * LANES);
        c11.intoArray(lanes, 7 * LANES);
        c21.intoArray(lanes, 8 * LANES);
        c31.intoArray(lanes, 9 * LANES);
        c41.intoArray(lanes, 10 * LANES);
        c51.intoArray(lanes, 11 * LANES);
        c02.intoArray(lanes, 12 * LANES);
        c12.intoArray(lanes, 13 * LANES);
        c22.intoArray(lanes, 14 * LANES);
        c32.intoArray(lanes, 15 * LANES);
        c42.intoArray(lanes, 16 * LANES);
        c52.intoArray(lanes, 17 * LANES);
        c03.intoArray(lanes, 18 * LANES);
        c13.intoArray(lanes, 19 * LANES);
        c23.intoArray(lanes, 20 * LANES);
        c33.intoArray(lanes, 21 * LANES);
        c43.intoArray(lanes, 22 * LANES);
        c53.intoArray(lanes, 23 * LANES);
    }

    /** The tile of six F32 rows (at bytes {@code o0..o5}) and four tokens. */
    private static void tileF32(MemorySegment w, long o0, long o1, long o2, long o3, long o4, long o5, int cols, float[] x, int x0, int x1, int x2, int x3, float[] lanes) {
        FloatVector c00 = FloatVector.zero(F), c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00, c01 = c00, c11 = c00, c21 = c00, c31 = c00, c41 = c00, c51 = c00;
        FloatVector c02 = c00, c12 = c00, c22 = c00, c32 = c00, c42 = c00, c52 = c00, c03 = c00, c13 = c00, c23 = c00, c33 = c00, c43 = c00, c53 = c00;
        for (int k = 0; k < cols; k += LANES) {
            FloatVector v0 = FloatVector.fromArray(F, x, x0 + k), v1 = FloatVector.fromArray(F, x, x1 + k);
            FloatVector v2 = FloatVector.fromArray(F, x, x2 + k), v3 = FloatVector.fromArray(F, x, x3 + k);
            FloatVector w0 = FloatVector.fromMemorySegment(F, w, o0 + 4L * k, Le.ORDER);
            c00 = w0.fma(v0, c00);
            c01 = w0.fma(v1, c01);
            c02 = w0.fma(v2, c02);
            c03 = w0.fma(v3, c03);
            FloatVector w1 = FloatVector.fromMemorySegment(F, w, o1 + 4L * k, Le.ORDER);
            c10 = w1.fma(v0, c10);
            c11 = w1.fma(v1, c11);
            c12 = w1.fma(v2, c12);
            c13 = w1.fma(v3, c13);
            FloatVector w2 = FloatVector.fromMemorySegment(F, w, o2 + 4L * k, Le.ORDER);
            c20 = w2.fma(v0, c20);
            c21 = w2.fma(v1, c21);
            c22 = w2.fma(v2, c22);
            c23 = w2.fma(v3, c23);
            FloatVector w3 = FloatVector.fromMemorySegment(F, w, o3 + 4L * k, Le.ORDER);
            c30 = w3.fma(v0, c30);
            c31 = w3.fma(v1, c31);
            c32 = w3.fma(v2, c32);
            c33 = w3.fma(v3, c33);
            FloatVector w4 = FloatVector.fromMemorySegment(F, w, o4 + 4L * k, Le.ORDER);
            c40 = w4.fma(v0, c40);
            c41 = w4.fma(v1, c41);
            c42 = w4.fma(v2, c42);
            c43 = w4.fma(v3, c43);
            FloatVector w5 = FloatVector.fromMemorySegment(F, w, o5 + 4L * k, Le.ORDER);
            c50 = w5.fma(v0, c50);
            c51 = w5.fma(v1, c51);
            c52 = w5.fma(v2, c52);
            c53 = w5.fma(v3, c53);
        }
        c00.intoArray(lanes, 0 * LANES);
        c10.intoArray(lanes, 1 * LANES);
        c20.intoArray(lanes, 2 * LANES);
        c30.intoArray(lanes, 3 * LANES);
        c40.intoArray(lanes, 4 * LANES);
        c50.intoArray(lanes, 5 * LANES);
        c01.intoArray(lanes, 6 * LANES);
        c11.intoArray(lanes, 7 * LANES);
        c21.intoArray(lanes, 8 * LANES);
        c31.intoArray(lanes, 9 * LANES);
        c41.intoArray(lanes, 10 * LANES);
        c51.intoArray(lanes, 11 * LANES);
        c02.intoArray(lanes, 12 * LANES);
        c12.intoArray(lanes, 13 * LANES);
        c22.intoArray(lanes, 14 * LANES);
        c32.intoArray(lanes, 15 * LANES);
        c42.intoArray(lanes, 16 * LANES);
        c52.intoArray(lanes, 17 * LANES);
        c03.intoArray(lanes, 18 * LANES);
        c13.intoArray(lanes, 19 * LANES);
        c23.intoArray(lanes, 20 * LANES);
        c33.intoArray(lanes, 21 * LANES);
        c43.intoArray(lanes, 22 * LANES);
        c53.intoArray(lanes, 23 * LANES);
    }
}
