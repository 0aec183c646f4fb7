package a1.kernels.format;

import a1.kernels.GgmlLanes;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * tinyBLAS's order for BF16 batches ({@link BF16Weights#dotAlt}: one chain of 16 pair lanes per row and token, odd
 * element's product added before the even one's, then the lane tree), {@link #ROWS} rows by {@link #TOKENS} tokens at
 * a time so that sixteen chains run side by side instead of one. Rows and tokens are split once per call into float
 * halves (odd elements, then even ones, per 32 columns) in per-thread scratch; per (row, token) the operations are
 * dotAlt's, so the results are equal bit for bit. Rows and tokens past the last whole tile repeat the last one and
 * their results are dropped.
 */
final class BF16Tiles implements BatchKernel {
    static final BF16Tiles INSTANCE = new BF16Tiles();
    static final int ROWS = 4;
    static final int TOKENS = 4;
    private static final int LANES = 16;
    private static final int STEP = 2 * LANES;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private BF16Tiles() {}

    private static final class Scratch {
        float[] rows = new float[0];
        float[] tokens = new float[0];
        final float[] lanes = new float[ROWS * TOKENS * LANES];
        final float[] sums = new float[ROWS * TOKENS];
    }

    @Override
    public void apply(MemorySegment w, long rowBytes, int from, int to, Activations a, float[] out, int outOffset, int rows) {
        Scratch s = SCRATCH.get();
        int cols = a.cols(), n = a.tokens();
        if (s.rows.length < ROWS * cols) s.rows = new float[ROWS * cols];
        if (s.tokens.length < n * cols) s.tokens = new float[n * cols];
        for (int t = 0; t < n; t++) {
            for (int k = 0; k < cols; k += STEP) split(IntVector.fromArray(I, a.pairs, t * a.pairStride() + k / 2), s.tokens, t * cols + k);
        }
        for (int r0 = from; r0 < to; r0 += ROWS) {
            int nr = Math.min(ROWS, to - r0);
            for (int i = 0; i < ROWS; i++) {
                long off = (r0 + Math.min(i, nr - 1)) * rowBytes;
                for (int k = 0; k < cols; k += STEP) split(IntVector.fromMemorySegment(I, w, off + 2L * k, Le.ORDER), s.rows, i * cols + k);
            }
            for (int t0 = 0; t0 < n; t0 += TOKENS) {
                int nt = Math.min(TOKENS, n - t0), last = t0 + nt - 1;
                tile(s.rows, cols, s.tokens, t0 * cols, Math.min(t0 + 1, last) * cols, Math.min(t0 + 2, last) * cols, last * cols, s.lanes);
                GgmlLanes.reduceEach(s.lanes, 0, s.sums, 0);
                for (int j = 0; j < nt; j++) {
                    int o = outOffset + (t0 + j) * rows + r0;
                    for (int i = 0; i < nr; i++) out[o + i] = s.sums[j * ROWS + i];
                }
            }
        }
    }

    /** 16 pairs as floats: the odd elements (upper halves) at {@code at}, the even ones 16 further. */
    private static void split(IntVector pairs, float[] to, int at) {
        pairs.and(0xFFFF0000).reinterpretAsFloats().intoArray(to, at);
        pairs.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoArray(to, at + LANES);
    }

    /**
     * The chains of rows 0-3 of {@code w} (split, each {@code cols} long) with the split tokens at {@code x0..x3},
     * left as lanes in {@code lanes} (row i, token j at {@code (4j + i) * 16}).
     */
    private static void tile(float[] w, int cols, float[] x, int x0, int x1, int x2, int x3, float[] lanes) {
        FloatVector c00 = FloatVector.zero(F), c10 = c00, c20 = c00, c30 = c00, c01 = c00, c11 = c00, c21 = c00, c31 = c00;
        FloatVector c02 = c00, c12 = c00, c22 = c00, c32 = c00, c03 = c00, c13 = c00, c23 = c00, c33 = c00;
        for (int k = 0; k < cols; k += STEP) {
            FloatVector o0 = FloatVector.fromArray(F, w, k), e0 = FloatVector.fromArray(F, w, k + LANES);
            FloatVector o1 = FloatVector.fromArray(F, w, cols + k), e1 = FloatVector.fromArray(F, w, cols + k + LANES);
            FloatVector o2 = FloatVector.fromArray(F, w, 2 * cols + k), e2 = FloatVector.fromArray(F, w, 2 * cols + k + LANES);
            FloatVector o3 = FloatVector.fromArray(F, w, 3 * cols + k), e3 = FloatVector.fromArray(F, w, 3 * cols + k + LANES);
            FloatVector xo = FloatVector.fromArray(F, x, x0 + k), xe = FloatVector.fromArray(F, x, x0 + k + LANES);
            c00 = c00.add(o0.mul(xo)).add(e0.mul(xe));
            c10 = c10.add(o1.mul(xo)).add(e1.mul(xe));
            c20 = c20.add(o2.mul(xo)).add(e2.mul(xe));
            c30 = c30.add(o3.mul(xo)).add(e3.mul(xe));
            xo = FloatVector.fromArray(F, x, x1 + k);
            xe = FloatVector.fromArray(F, x, x1 + k + LANES);
            c01 = c01.add(o0.mul(xo)).add(e0.mul(xe));
            c11 = c11.add(o1.mul(xo)).add(e1.mul(xe));
            c21 = c21.add(o2.mul(xo)).add(e2.mul(xe));
            c31 = c31.add(o3.mul(xo)).add(e3.mul(xe));
            xo = FloatVector.fromArray(F, x, x2 + k);
            xe = FloatVector.fromArray(F, x, x2 + k + LANES);
            c02 = c02.add(o0.mul(xo)).add(e0.mul(xe));
            c12 = c12.add(o1.mul(xo)).add(e1.mul(xe));
            c22 = c22.add(o2.mul(xo)).add(e2.mul(xe));
            c32 = c32.add(o3.mul(xo)).add(e3.mul(xe));
            xo = FloatVector.fromArray(F, x, x3 + k);
            xe = FloatVector.fromArray(F, x, x3 + k + LANES);
            c03 = c03.add(o0.mul(xo)).add(e0.mul(xe));
            c13 = c13.add(o1.mul(xo)).add(e1.mul(xe));
            c23 = c23.add(o2.mul(xo)).add(e2.mul(xe));
            c33 = c33.add(o3.mul(xo)).add(e3.mul(xe));
        }
        // Stored one by one: C2 boxes vectors handed to a helper, and that slows the whole loop 20-fold.
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
}
