package a1.kernels;

import a1.kernels.format.Simd;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * ggml's AVX-512 arithmetic, lane by lane, where its order of operations shows in the results. llama.cpp's
 * exponential is a polynomial (not libm's), and its sums run in 16 float lanes folded as a tree; attention rounds
 * its inputs to F16 on top, so a last-bit difference there flips an F16 rounding and moves logits by 1e-2.
 * Reproducing the order makes A1's logits equal llama.cpp's instead of merely close.
 */
public final class GgmlLanes {
    public static final int LANES = 16;
    private static final boolean SIMD = Simd.ENABLED && Simd.F.length() == LANES;
    private static final VectorSpecies<Float> F = Simd.F;
    /** Where {@link #tile} leaves its 16 sums in the scratch, after its chains. */
    private static final int TILE_SUMS = LANES * LANES;
    private static final FloatVector LOW_8 = SIMD ? halves(8, false) : null, HIGH_8 = SIMD ? halves(8, true) : null;
    private static final FloatVector LOW_4 = SIMD ? halves(4, false) : null, HIGH_4 = SIMD ? halves(4, true) : null;
    private static final FloatVector LOW_2 = SIMD ? halves(2, false) : null, HIGH_2 = SIMD ? halves(2, true) : null;
    private static final FloatVector LOW_1 = SIMD ? halves(1, false) : null, HIGH_1 = SIMD ? halves(1, true) : null;

    private GgmlLanes() {}

    /** ggml_v_expf: exp by a degree-5 polynomial on the reduced argument, with fused multiply-adds, then scalef. */
    public static float exp(float x) {
        final float r = 0x1.8p23f;
        float z = Math.fma(x, 0x1.715476p+0f, r);
        float n = z - r;
        if (!(Math.abs(n) <= 192)) return n <= 0 ? 0f : Float.POSITIVE_INFINITY;
        float b = Math.fma(-n, 0x1.7f7d1cp-20f, Math.fma(-n, 0x1.62e4p-1f, x));
        float u = b * b;
        float j = Math.fma(Math.fma(Math.fma(0x1.0e4020p-7f, b, 0x1.573e2ep-5f), u, Math.fma(0x1.555e66p-3f, b, 0x1.fffdb6p-2f)),
                u, Math.fma(0x1.ffffecp-1f, b, 1.0f));
        return Math.scalb(j, (int) n);
    }

    /** _mm512_reduce_add_ps as GCC expands it: halves folded 8, 4, 2, 1 lanes apart. */
    public static float reduce(float[] lanes) {
        return reduce(lanes, 0);
    }

    /** {@link #reduce} of the 16 lanes at {@code lanes[at ..]}. */
    public static float reduce(float[] l, int at) {
        float t0 = l[at] + l[at + 8], t1 = l[at + 1] + l[at + 9], t2 = l[at + 2] + l[at + 10], t3 = l[at + 3] + l[at + 11];
        float t4 = l[at + 4] + l[at + 12], t5 = l[at + 5] + l[at + 13], t6 = l[at + 6] + l[at + 14], t7 = l[at + 7] + l[at + 15];
        float s0 = t0 + t4, s1 = t1 + t5, s2 = t2 + t6, s3 = t3 + t7;
        return (s0 + s2) + (s1 + s3);
    }

    /** Scratch that the dots here fold their lanes in; one per thread. */
    public static float[] scratch() {
        return new float[4 * LANES * LANES];
    }

    /**
     * ggml_vec_dot_f16's order, for a single query row: four accumulators of 16 lanes over blocks of 64
     * ({@code padded} is llama.cpp's length, a multiple of 32 past {@code n}; entries from {@code n} on are zeros),
     * folded 2-to-1 then as a lane tree, and the entries after the last block added in double.
     */
    public static float vecDot(float[] x, int xOff, int xStride, float[] y, int yOff, int n, int padded, float[] acc) {
        int blocks = padded & ~(4 * LANES - 1);
        if (SIMD && xStride == 1 && n >= blocks) {
            // The four accumulators as four vectors: chunk k of 16 entries belongs to accumulator k % 4.
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            for (int i = 0; i < blocks; i += 4 * LANES) {
                a0 = FloatVector.fromArray(F, x, xOff + i).fma(FloatVector.fromArray(F, y, yOff + i), a0);
                a1 = FloatVector.fromArray(F, x, xOff + i + LANES).fma(FloatVector.fromArray(F, y, yOff + i + LANES), a1);
                a2 = FloatVector.fromArray(F, x, xOff + i + 2 * LANES).fma(FloatVector.fromArray(F, y, yOff + i + 2 * LANES), a2);
                a3 = FloatVector.fromArray(F, x, xOff + i + 3 * LANES).fma(FloatVector.fromArray(F, y, yOff + i + 3 * LANES), a3);
            }
            a0.add(a2).add(a1.add(a3)).intoArray(acc, 0);
            double sum = reduce(acc);
            for (int i = blocks; i < n; i++) sum += x[xOff + i] * y[yOff + i];
            return (float) sum;
        }
        return vecDotScalar(x, xOff, xStride, y, yOff, n, padded, acc);
    }

    static float vecDotScalar(float[] x, int xOff, int xStride, float[] y, int yOff, int n, int padded, float[] acc) {
        int blocks = padded & ~(4 * LANES - 1);
        java.util.Arrays.fill(acc, 0f);
        int simd = Math.min(blocks, n);
        for (int i = 0; i < simd; i++) acc[i & 63] = Math.fma(x[xOff + i * xStride], y[yOff + i], acc[i & 63]);
        for (int l = 0; l < LANES; l++) {
            acc[l] += acc[2 * LANES + l];
            acc[LANES + l] += acc[3 * LANES + l];
        }
        for (int l = 0; l < LANES; l++) acc[l] += acc[LANES + l];
        double sum = reduce(acc);
        for (int i = blocks; i < n; i++) sum += x[xOff + i * xStride] * y[yOff + i];
        return (float) sum;
    }

    /**
     * ggml_vec_dot_f32's order (an F32 KV cache): as {@link #vecDot}, but the entries after the last block are
     * summed in float as GCC compiled the loop: products rounded in runs of 16 and then of 8, the last under 8 fused.
     */
    public static float vecDotF32(float[] x, int xOff, int xStride, float[] y, int yOff, int n, int padded, float[] acc) {
        int blocks = padded & ~(4 * LANES - 1);
        float sum = vecDot(x, xOff, xStride, y, yOff, Math.min(n, blocks), blocks, acc);
        int rest = padded - blocks;
        int end = Math.min(n, blocks + (rest & ~(LANES - 1)) + ((rest & (LANES - 1)) >= 8 ? 8 : 0));
        int i = blocks;
        for (; i < end; i++) sum += x[xOff + i * xStride] * y[yOff + i];
        for (; i < n; i++) sum = Math.fma(x[xOff + i * xStride], y[yOff + i], sum);
        return sum;
    }

    /**
     * llamafile's tinyBLAS order, for batches: one accumulator of 16 lanes over the whole length, then the lane tree.
     * A contiguous row whose length is a multiple of 16 runs as one vector chain: the same fused multiply-adds.
     */
    public static float gemmDot(float[] x, int xOff, int xStride, float[] y, int yOff, int n, float[] acc) {
        if (!SIMD || xStride != 1 || n % LANES != 0) return gemmDotScalar(x, xOff, xStride, y, yOff, n, acc);
        FloatVector a = FloatVector.zero(F);
        for (int i = 0; i < n; i += LANES) a = FloatVector.fromArray(F, x, xOff + i).fma(FloatVector.fromArray(F, y, yOff + i), a);
        a.intoArray(acc, 0);
        return reduce(acc);
    }

    /**
     * {@link #gemmDot} of {@code rows} contiguous rows {@code xStride} apart against {@code queries} vectors
     * {@code yStride} apart: {@code out[outOff + j * outStride + r] = gemmDot(x, xOff + r * xStride, 1, y, yOff + j *
     * yStride, n)}, as attention's query-key scores are. With 16-lane SIMD and {@code n % 16 == 0} it runs tiles of
     * four rows by four queries ({@link #tile}), so that each row is loaded once for four queries; rows and queries
     * past the last whole tile repeat the last one, and their results are dropped.
     */
    public static void gemmDotRows(float[] x, int xOff, int xStride, int rows, float[] y, int yOff, int yStride, int queries, int n,
            float[] out, int outOff, int outStride, float[] acc) {
        if (!SIMD || n % LANES != 0) {
            for (int j = 0; j < queries; j++) {
                for (int r = 0; r < rows; r++) out[outOff + j * outStride + r] = gemmDot(x, xOff + r * xStride, 1, y, yOff + j * yStride, n, acc);
            }
            return;
        }
        for (int j0 = 0; j0 < queries; j0 += 4) {
            int nq = Math.min(4, queries - j0), last = yOff + (j0 + nq - 1) * yStride;
            int y0 = yOff + j0 * yStride, y1 = Math.min(y0 + yStride, last), y2 = Math.min(y0 + 2 * yStride, last);
            for (int r0 = 0; r0 < rows; r0 += 4) {
                int nr = Math.min(4, rows - r0), x0 = xOff + r0 * xStride, lastRow = x0 + (nr - 1) * xStride;
                tile(x, x0, Math.min(x0 + xStride, lastRow), Math.min(x0 + 2 * xStride, lastRow), lastRow, y, y0, y1, y2, last, n, acc);
                for (int j = 0; j < nq; j++) {
                    int o = outOff + (j0 + j) * outStride + r0;
                    for (int i = 0; i < nr; i++) out[o + i] = acc[TILE_SUMS + 4 * j + i];
                }
            }
        }
    }

    /** The chains of rows x0..x3 with queries y0..y3 (row i, query j at {@code (4j + i) * 16}), then their sums. */
    private static void tile(float[] x, int x0, int x1, int x2, int x3, float[] y, int y0, int y1, int y2, int y3, int n, float[] acc) {
        FloatVector c00 = FloatVector.zero(F), c10 = c00, c20 = c00, c30 = c00, c01 = c00, c11 = c00, c21 = c00, c31 = c00;
        FloatVector c02 = c00, c12 = c00, c22 = c00, c32 = c00, c03 = c00, c13 = c00, c23 = c00, c33 = c00;
        for (int k = 0; k < n; k += LANES) {
            FloatVector v0 = FloatVector.fromArray(F, y, y0 + k), v1 = FloatVector.fromArray(F, y, y1 + k);
            FloatVector v2 = FloatVector.fromArray(F, y, y2 + k), v3 = FloatVector.fromArray(F, y, y3 + k);
            FloatVector w = FloatVector.fromArray(F, x, x0 + k);
            c00 = w.fma(v0, c00);
            c01 = w.fma(v1, c01);
            c02 = w.fma(v2, c02);
            c03 = w.fma(v3, c03);
            w = FloatVector.fromArray(F, x, x1 + k);
            c10 = w.fma(v0, c10);
            c11 = w.fma(v1, c11);
            c12 = w.fma(v2, c12);
            c13 = w.fma(v3, c13);
            w = FloatVector.fromArray(F, x, x2 + k);
            c20 = w.fma(v0, c20);
            c21 = w.fma(v1, c21);
            c22 = w.fma(v2, c22);
            c23 = w.fma(v3, c23);
            w = FloatVector.fromArray(F, x, x3 + k);
            c30 = w.fma(v0, c30);
            c31 = w.fma(v1, c31);
            c32 = w.fma(v2, c32);
            c33 = w.fma(v3, c33);
        }
        c00.intoArray(acc, 0);
        c10.intoArray(acc, LANES);
        c20.intoArray(acc, 2 * LANES);
        c30.intoArray(acc, 3 * LANES);
        c01.intoArray(acc, 4 * LANES);
        c11.intoArray(acc, 5 * LANES);
        c21.intoArray(acc, 6 * LANES);
        c31.intoArray(acc, 7 * LANES);
        c02.intoArray(acc, 8 * LANES);
        c12.intoArray(acc, 9 * LANES);
        c22.intoArray(acc, 10 * LANES);
        c32.intoArray(acc, 11 * LANES);
        c03.intoArray(acc, 12 * LANES);
        c13.intoArray(acc, 13 * LANES);
        c23.intoArray(acc, 14 * LANES);
        c33.intoArray(acc, 15 * LANES);
        reduceEach(acc, 0, acc, TILE_SUMS);
    }

    /**
     * {@link #reduce} of each of the 16 runs of 16 lanes at {@code lanes[at ..]}: {@code out[outOff + i]} is the
     * tree of run i, as the register tiles of batch kernels need for every (row, token) chain. With 16-lane SIMD
     * the tree runs on all 16 at once: each step adds two interleavings of a pair of vectors ({@code selectFrom}
     * two vectors, one permute each), the first adding lanes 8 apart, the next 4, 2 and 1 apart, with the pairs
     * packed so that 16 vectors become 8, 4, 2 and then one whose lane i is run i's sum: 31 vector operations where
     * the scalar trees take 16 times 31. It reads and writes arrays only: C2 boxes vectors passed to a call it does
     * not inline.
     */
    public static void reduceEach(float[] lanes, int at, float[] out, int outOff) {
        if (!SIMD) {
            for (int i = 0; i < LANES; i++) out[outOff + i] = reduce(lanes, at + i * LANES);
            return;
        }
        FloatVector l = LOW_8, h = HIGH_8, a, b;
        a = FloatVector.fromArray(F, lanes, at);
        b = FloatVector.fromArray(F, lanes, at + LANES);
        FloatVector t0 = l.selectFrom(a, b).add(h.selectFrom(a, b));
        a = FloatVector.fromArray(F, lanes, at + 2 * LANES);
        b = FloatVector.fromArray(F, lanes, at + 3 * LANES);
        FloatVector t1 = l.selectFrom(a, b).add(h.selectFrom(a, b));
        a = FloatVector.fromArray(F, lanes, at + 4 * LANES);
        b = FloatVector.fromArray(F, lanes, at + 5 * LANES);
        FloatVector t2 = l.selectFrom(a, b).add(h.selectFrom(a, b));
        a = FloatVector.fromArray(F, lanes, at + 6 * LANES);
        b = FloatVector.fromArray(F, lanes, at + 7 * LANES);
        FloatVector t3 = l.selectFrom(a, b).add(h.selectFrom(a, b));
        a = FloatVector.fromArray(F, lanes, at + 8 * LANES);
        b = FloatVector.fromArray(F, lanes, at + 9 * LANES);
        FloatVector t4 = l.selectFrom(a, b).add(h.selectFrom(a, b));
        a = FloatVector.fromArray(F, lanes, at + 10 * LANES);
        b = FloatVector.fromArray(F, lanes, at + 11 * LANES);
        FloatVector t5 = l.selectFrom(a, b).add(h.selectFrom(a, b));
        a = FloatVector.fromArray(F, lanes, at + 12 * LANES);
        b = FloatVector.fromArray(F, lanes, at + 13 * LANES);
        FloatVector t6 = l.selectFrom(a, b).add(h.selectFrom(a, b));
        a = FloatVector.fromArray(F, lanes, at + 14 * LANES);
        b = FloatVector.fromArray(F, lanes, at + 15 * LANES);
        FloatVector t7 = l.selectFrom(a, b).add(h.selectFrom(a, b));
        l = LOW_4;
        h = HIGH_4;
        FloatVector s0 = l.selectFrom(t0, t1).add(h.selectFrom(t0, t1)), s1 = l.selectFrom(t2, t3).add(h.selectFrom(t2, t3));
        FloatVector s2 = l.selectFrom(t4, t5).add(h.selectFrom(t4, t5)), s3 = l.selectFrom(t6, t7).add(h.selectFrom(t6, t7));
        l = LOW_2;
        h = HIGH_2;
        FloatVector u0 = l.selectFrom(s0, s1).add(h.selectFrom(s0, s1)), u1 = l.selectFrom(s2, s3).add(h.selectFrom(s2, s3));
        LOW_1.selectFrom(u0, u1).add(HIGH_1.selectFrom(u0, u1)).intoArray(out, outOff);
    }

    /** Lane indexes into two vectors laid end to end: the low or high half of every group of 2 * half lanes. */
    private static FloatVector halves(int half, boolean high) {
        float[] index = new float[LANES];
        for (int i = 0; i < LANES; i++) index[i] = (i / half) * 2 * half + i % half + (high ? half : 0);
        return FloatVector.fromArray(F, index, 0);
    }

    static float gemmDotScalar(float[] x, int xOff, int xStride, float[] y, int yOff, int n, float[] acc) {
        java.util.Arrays.fill(acc, 0, LANES, 0f);
        for (int i = 0; i < n; i++) acc[i & (LANES - 1)] = Math.fma(x[xOff + i * xStride], y[yOff + i], acc[i & (LANES - 1)]);
        return reduce(acc);
    }

    /**
     * {@link #gemmDot} of {@code cols} adjacent columns: {@code out[outOff + d] = gemmDot(x, xOff + d, xStride, y,
     * yOff, n)}. Attention's sum over the cached values is such a product, and column by column it reads the cache
     * with a stride. With 16-lane SIMD and {@code cols % 16 == 0} it runs 16 columns at a time along the rows
     * instead: vector l of {@code acc} holds chain l (entries i with i % 16 == l) of each of the 16 columns, and the
     * lane tree is done across the 16 vectors, so every column gets exactly gemmDot's operations.
     */
    public static void gemmDotColumns(float[] x, int xOff, int xStride, float[] y, int yOff, int n, int cols, float[] out, int outOff, float[] acc) {
        if (!SIMD || cols % LANES != 0) {
            for (int d = 0; d < cols; d++) out[outOff + d] = gemmDotScalar(x, xOff + d, xStride, y, yOff, n, acc);
            return;
        }
        for (int d = 0; d < cols; d += LANES) {
            // The 16 chains stay in registers over whole runs of 16 rows; the rows past the last run go through acc.
            FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
            FloatVector c8 = c0, c9 = c0, c10 = c0, c11 = c0, c12 = c0, c13 = c0, c14 = c0, c15 = c0;
            int i = 0;
            for (; i + LANES <= n; i += LANES) {
                int p = xOff + i * xStride + d, q = yOff + i;
                c0 = FloatVector.fromArray(F, x, p).fma(FloatVector.broadcast(F, y[q]), c0);
                c1 = FloatVector.fromArray(F, x, p + xStride).fma(FloatVector.broadcast(F, y[q + 1]), c1);
                c2 = FloatVector.fromArray(F, x, p + 2 * xStride).fma(FloatVector.broadcast(F, y[q + 2]), c2);
                c3 = FloatVector.fromArray(F, x, p + 3 * xStride).fma(FloatVector.broadcast(F, y[q + 3]), c3);
                c4 = FloatVector.fromArray(F, x, p + 4 * xStride).fma(FloatVector.broadcast(F, y[q + 4]), c4);
                c5 = FloatVector.fromArray(F, x, p + 5 * xStride).fma(FloatVector.broadcast(F, y[q + 5]), c5);
                c6 = FloatVector.fromArray(F, x, p + 6 * xStride).fma(FloatVector.broadcast(F, y[q + 6]), c6);
                c7 = FloatVector.fromArray(F, x, p + 7 * xStride).fma(FloatVector.broadcast(F, y[q + 7]), c7);
                c8 = FloatVector.fromArray(F, x, p + 8 * xStride).fma(FloatVector.broadcast(F, y[q + 8]), c8);
                c9 = FloatVector.fromArray(F, x, p + 9 * xStride).fma(FloatVector.broadcast(F, y[q + 9]), c9);
                c10 = FloatVector.fromArray(F, x, p + 10 * xStride).fma(FloatVector.broadcast(F, y[q + 10]), c10);
                c11 = FloatVector.fromArray(F, x, p + 11 * xStride).fma(FloatVector.broadcast(F, y[q + 11]), c11);
                c12 = FloatVector.fromArray(F, x, p + 12 * xStride).fma(FloatVector.broadcast(F, y[q + 12]), c12);
                c13 = FloatVector.fromArray(F, x, p + 13 * xStride).fma(FloatVector.broadcast(F, y[q + 13]), c13);
                c14 = FloatVector.fromArray(F, x, p + 14 * xStride).fma(FloatVector.broadcast(F, y[q + 14]), c14);
                c15 = FloatVector.fromArray(F, x, p + 15 * xStride).fma(FloatVector.broadcast(F, y[q + 15]), c15);
            }
            c0.intoArray(acc, 0);
            c1.intoArray(acc, LANES);
            c2.intoArray(acc, 2 * LANES);
            c3.intoArray(acc, 3 * LANES);
            c4.intoArray(acc, 4 * LANES);
            c5.intoArray(acc, 5 * LANES);
            c6.intoArray(acc, 6 * LANES);
            c7.intoArray(acc, 7 * LANES);
            c8.intoArray(acc, 8 * LANES);
            c9.intoArray(acc, 9 * LANES);
            c10.intoArray(acc, 10 * LANES);
            c11.intoArray(acc, 11 * LANES);
            c12.intoArray(acc, 12 * LANES);
            c13.intoArray(acc, 13 * LANES);
            c14.intoArray(acc, 14 * LANES);
            c15.intoArray(acc, 15 * LANES);
            for (; i < n; i++) {
                int l = (i & (LANES - 1)) * LANES;
                FloatVector.fromArray(F, x, xOff + i * xStride + d).fma(FloatVector.broadcast(F, y[yOff + i]), FloatVector.fromArray(F, acc, l)).intoArray(acc, l);
            }
            treeAcross(acc, out, outOff + d);
        }
    }

    /**
     * {@link #vecDot} of {@code cols} adjacent columns (a single query's sum over the cached values), 16 columns at a
     * time along the rows where 16-lane SIMD is on and {@code cols % 16 == 0}: vector j of {@code acc} holds
     * accumulator j (entries i with i % 64 == j) of each column, folded and reduced across vectors in vecDot's order,
     * and the entries after the last block are added per column in double, as vecDot does.
     */
    public static void vecDotColumns(float[] x, int xOff, int xStride, float[] y, int yOff, int n, int padded, int cols, float[] out, int outOff, float[] acc) {
        if (!SIMD || cols % LANES != 0) {
            for (int d = 0; d < cols; d++) out[outOff + d] = vecDotScalar(x, xOff + d, xStride, y, yOff, n, padded, acc);
            return;
        }
        int blocks = padded & ~(4 * LANES - 1);
        int simd = Math.min(blocks, n);
        for (int d = 0; d < cols; d += LANES) {
            java.util.Arrays.fill(acc, 0, 4 * LANES * LANES, 0f);
            for (int i = 0; i < simd; i++) {
                int l = (i & (4 * LANES - 1)) * LANES;
                FloatVector.fromArray(F, x, xOff + i * xStride + d).fma(FloatVector.broadcast(F, y[yOff + i]), FloatVector.fromArray(F, acc, l)).intoArray(acc, l);
            }
            for (int l = 0; l < LANES; l++) {
                FloatVector.fromArray(F, acc, l * LANES).add(FloatVector.fromArray(F, acc, (2 * LANES + l) * LANES)).intoArray(acc, l * LANES);
                FloatVector.fromArray(F, acc, (LANES + l) * LANES).add(FloatVector.fromArray(F, acc, (3 * LANES + l) * LANES)).intoArray(acc, (LANES + l) * LANES);
            }
            for (int l = 0; l < LANES; l++) FloatVector.fromArray(F, acc, l * LANES).add(FloatVector.fromArray(F, acc, (LANES + l) * LANES)).intoArray(acc, l * LANES);
            treeAcross(acc, out, outOff + d);
            for (int c = 0; c < LANES; c++) {
                double sum = out[outOff + d + c];
                for (int i = blocks; i < n; i++) sum += x[xOff + i * xStride + d + c] * y[yOff + i];
                out[outOff + d + c] = (float) sum;
            }
        }
    }

    /**
     * {@link #reduce}'s tree done across the 16 vectors at the start of {@code acc}, into {@code out[at .. at+16)}.
     * The loads are written out here and in the callers: through a helper, C2 left the calls uninlined in the
     * compiled attention ("low call site frequency") and boxed every vector they returned.
     */
    private static void treeAcross(float[] acc, float[] out, int at) {
        FloatVector t0 = FloatVector.fromArray(F, acc, 0).add(FloatVector.fromArray(F, acc, 8 * LANES));
        FloatVector t1 = FloatVector.fromArray(F, acc, LANES).add(FloatVector.fromArray(F, acc, 9 * LANES));
        FloatVector t2 = FloatVector.fromArray(F, acc, 2 * LANES).add(FloatVector.fromArray(F, acc, 10 * LANES));
        FloatVector t3 = FloatVector.fromArray(F, acc, 3 * LANES).add(FloatVector.fromArray(F, acc, 11 * LANES));
        FloatVector t4 = FloatVector.fromArray(F, acc, 4 * LANES).add(FloatVector.fromArray(F, acc, 12 * LANES));
        FloatVector t5 = FloatVector.fromArray(F, acc, 5 * LANES).add(FloatVector.fromArray(F, acc, 13 * LANES));
        FloatVector t6 = FloatVector.fromArray(F, acc, 6 * LANES).add(FloatVector.fromArray(F, acc, 14 * LANES));
        FloatVector t7 = FloatVector.fromArray(F, acc, 7 * LANES).add(FloatVector.fromArray(F, acc, 15 * LANES));
        FloatVector s0 = t0.add(t4), s1 = t1.add(t5), s2 = t2.add(t6), s3 = t3.add(t7);
        s0.add(s2).add(s1.add(s3)).intoArray(out, at);
    }
}
