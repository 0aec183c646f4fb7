package a1.kernels.format;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.LSHL;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Q8_0#dot}'s order (eight float lanes, lane l adding block by block the integer sum of elements 4l..4l+3
 * times the block's scale product with a fused multiply-add; tinyBLAS_Q0_AVX's too) for {@link #ROWS} rows by
 * {@link #TOKENS} tokens at a time. Each row is widened once per call into per-thread scratch as floats, element
 * 4l+j of a block at 8j+l ({@link Activations#q8Lanes} holds the tokens the same way), so a block's eight lane sums
 * are four vector products: exact in float (|sum| <= 4 * 128 * 127 < 2^24), hence the same integers as ggml's;
 * only the scale product and the fused multiply-add round, as in the row kernel. Rows and tokens past the last
 * whole tile repeat the last one and their results are dropped, so one tile kernel serves every shape.
 */
final class Q8_0Tiles implements BatchKernel {
    static final Q8_0Tiles INSTANCE = new Q8_0Tiles();
    static final int ROWS = 4;
    static final int TOKENS = 2;
    private static final int LANES = 8;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Q8_0Tiles() {}

    /** The kernel where vectors are at least 256 bits wide and the batch has two tokens or more, else null. */
    static BatchKernel of(int tokens) {
        return tokens >= 2 && Simd.BITS >= 256 ? INSTANCE : null;
    }

    private static final class Scratch {
        float[] rows = new float[0];
        float[] scales = new float[0];
        final float[] lanes = new float[ROWS * TOKENS * LANES];
        final int[] tokens = new int[TOKENS];
    }

    @Override
    public void prepare(Activations a) {
        a.buildQ8Lanes();
    }

    @Override
    public void apply(MemorySegment w, long rowBytes, int from, int to, Activations a, float[] out, int outOffset, int rows) {
        a.require(Activations.Q8_LANES);
        Scratch s = SCRATCH.get();
        int cols = a.cols(), n = a.tokens(), blocks = cols / Q8_0.BLOCK;
        if (s.rows.length < ROWS * cols) {
            s.rows = new float[ROWS * cols];
            s.scales = new float[ROWS * blocks];
        }
        for (int r0 = from; r0 < to; r0 += ROWS) {
            int nr = Math.min(ROWS, to - r0);
            for (int i = 0; i < ROWS; i++) widen(w, (r0 + Math.min(i, nr - 1)) * rowBytes, blocks, s.rows, i * cols, s.scales, i * blocks);
            for (int t0 = 0; t0 < n; t0 += TOKENS) {
                int nt = Math.min(TOKENS, n - t0);
                for (int j = 0; j < TOKENS; j++) s.tokens[j] = Math.min(t0 + j, t0 + nt - 1);
                tile(s.rows, s.scales, cols, blocks, a, s.tokens, s.lanes);
                for (int j = 0; j < nt; j++) {
                    int o = outOffset + (t0 + j) * rows + r0;
                    for (int i = 0; i < nr; i++) {
                        int l = (j * ROWS + i) * LANES;
                        float[] v = s.lanes;
                        out[o + i] = Lanes8.hsum(v[l], v[l + 1], v[l + 2], v[l + 3], v[l + 4], v[l + 5], v[l + 6], v[l + 7]);
                    }
                }
            }
        }
    }

    /** Row at byte {@code off}: quants as floats in lane order at {@code to[at ..]}, block scales at {@code scales[sAt ..]}. */
    private static void widen(MemorySegment w, long off, int blocks, float[] to, int at, float[] scales, int sAt) {
        for (int b = 0; b < blocks; b++) {
            long p = off + (long) b * Q8_0.BYTES;
            scales[sAt + b] = Le.half(w, p);
            IntVector q = ByteVector.fromMemorySegment(ByteVector.SPECIES_256, w, p + 2, Le.ORDER).reinterpretAsInts();
            for (int j = 0; j < 4; j++) {
                ((FloatVector) q.lanewise(LSHL, 24 - 8 * j).lanewise(ASHR, 24).convert(I2F, 0)).intoArray(to, at + b * Q8_0.BLOCK + LANES * j);
            }
        }
    }

    /**
     * The lanes of rows 0-3 of the widened {@code w} with tokens {@code tokens[j]}, left in {@code lanes} (row i,
     * token j at {@code (4j + i) * 8}); the tile's accumulators stay in registers and each weight vector is loaded
     * once per block for all its tokens.
     */
    private static void tile(float[] w, float[] ws, int cols, int blocks, Activations a, int[] tokens, float[] lanes) {
        float[] x = a.q8Lanes, as = a.scales;
        int x0 = tokens[0] * cols, s0 = tokens[0] * blocks;
        int x1 = tokens[1] * cols, s1 = tokens[1] * blocks;
        FloatVector c00 = FloatVector.zero(F), c10 = c00, c20 = c00, c30 = c00, c01 = c00, c11 = c00, c21 = c00, c31 = c00;
        for (int b = 0; b < blocks; b++) {
            int k = b * Q8_0.BLOCK;
            FloatVector w00 = FloatVector.fromArray(F, w, k), w01 = FloatVector.fromArray(F, w, k + 8);
            FloatVector w02 = FloatVector.fromArray(F, w, k + 16), w03 = FloatVector.fromArray(F, w, k + 24);
            FloatVector d0 = FloatVector.broadcast(F, ws[b]);
            FloatVector w10 = FloatVector.fromArray(F, w, cols + k), w11 = FloatVector.fromArray(F, w, cols + k + 8);
            FloatVector w12 = FloatVector.fromArray(F, w, cols + k + 16), w13 = FloatVector.fromArray(F, w, cols + k + 24);
            FloatVector d1 = FloatVector.broadcast(F, ws[blocks + b]);
            FloatVector w20 = FloatVector.fromArray(F, w, 2 * cols + k), w21 = FloatVector.fromArray(F, w, 2 * cols + k + 8);
            FloatVector w22 = FloatVector.fromArray(F, w, 2 * cols + k + 16), w23 = FloatVector.fromArray(F, w, 2 * cols + k + 24);
            FloatVector d2 = FloatVector.broadcast(F, ws[2 * blocks + b]);
            FloatVector w30 = FloatVector.fromArray(F, w, 3 * cols + k), w31 = FloatVector.fromArray(F, w, 3 * cols + k + 8);
            FloatVector w32 = FloatVector.fromArray(F, w, 3 * cols + k + 16), w33 = FloatVector.fromArray(F, w, 3 * cols + k + 24);
            FloatVector d3 = FloatVector.broadcast(F, ws[3 * blocks + b]);
            FloatVector a0 = FloatVector.fromArray(F, x, x0 + k);
            FloatVector a1 = FloatVector.fromArray(F, x, x0 + k + 8);
            FloatVector a2 = FloatVector.fromArray(F, x, x0 + k + 16);
            FloatVector a3 = FloatVector.fromArray(F, x, x0 + k + 24);
            FloatVector da = FloatVector.broadcast(F, as[s0 + b]);
            c00 = w03.fma(a3, w02.fma(a2, w01.fma(a1, w00.mul(a0)))).fma(d0.mul(da), c00);
            c10 = w13.fma(a3, w12.fma(a2, w11.fma(a1, w10.mul(a0)))).fma(d1.mul(da), c10);
            c20 = w23.fma(a3, w22.fma(a2, w21.fma(a1, w20.mul(a0)))).fma(d2.mul(da), c20);
            c30 = w33.fma(a3, w32.fma(a2, w31.fma(a1, w30.mul(a0)))).fma(d3.mul(da), c30);
            a0 = FloatVector.fromArray(F, x, x1 + k);
            a1 = FloatVector.fromArray(F, x, x1 + k + 8);
            a2 = FloatVector.fromArray(F, x, x1 + k + 16);
            a3 = FloatVector.fromArray(F, x, x1 + k + 24);
            da = FloatVector.broadcast(F, as[s1 + b]);
            c01 = w03.fma(a3, w02.fma(a2, w01.fma(a1, w00.mul(a0)))).fma(d0.mul(da), c01);
            c11 = w13.fma(a3, w12.fma(a2, w11.fma(a1, w10.mul(a0)))).fma(d1.mul(da), c11);
            c21 = w23.fma(a3, w22.fma(a2, w21.fma(a1, w20.mul(a0)))).fma(d2.mul(da), c21);
            c31 = w33.fma(a3, w32.fma(a2, w31.fma(a1, w30.mul(a0)))).fma(d3.mul(da), c31);
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
    }
}
