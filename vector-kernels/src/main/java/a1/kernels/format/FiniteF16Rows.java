package a1.kernels.format;

import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.S2I;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * F16 products for a matrix with no infinite or NaN weight, reading the GGUF rows in place (in their
 * {@link WeightFormat#rowMemory} copy) with a cheaper conversion than {@link Simd#halfToFloat}: one token (and
 * batches ggml gives vec_dot) in {@link FloatDots#vecDot}'s order (ggml_vec_dot_f16), tinyBLAS's batches in
 * {@link FloatDots#gemm}'s through {@link FloatTiles#F16}.
 * <ul>
 * <li>A half sign-extended to an int and shifted left 13, with bits 30..28 cleared, is a float equal to the half
 * times 2^-112 exactly, subnormals included (two operations, against halfToFloat's multiply, compare and blend).
 * The activations are scaled by 2^112 instead, which is exact (an F16-rounded activation is below 2^16 or
 * infinite), so every product, and so every fused multiply-add, is the one ggml computes.
 * <li>It does not hold for infinities and NaNs (an all-ones exponent would read as 2^16), so {@link #of} checks the
 * whole matrix once and refuses one that has any: that matrix keeps the exact row kernels.
 * <li>halfToFloat's multiply is also what made the row kernel slow on real weights: about 1 half in 400 of a
 * N(0, 0.02) matrix is subnormal, a subnormal float input slows the multiply, and the row kernel ran at 17 GB/s on
 * such weights against 24 on N(0, 1) ones; this kernel runs at 37 on both (docs/PERFORMANCE.md, session 10).
 * </ul>
 * The halves are loaded 16 at a time, as FloatDots does: 512-bit loads of 32 halves ran at 23 GB/s against 34.
 */
final class FiniteF16Rows implements RowGroups {
    private static final VectorSpecies<Float> F = Simd.F;
    private static final VectorSpecies<Integer> I = Simd.I;
    private static final VectorSpecies<Short> S = Simd.S;
    /** The bits a shifted half keeps: its sign (bit 31), exponent and mantissa (bits 27..13). */
    static final int KEPT = 0x8FFFFFFF;

    /**
     * Columns taken at a time: their scaled activations (16 KB) stay in the 48 KB L1 beside the streamed rows.
     * Whole rows of FFN down (11,008 columns, 44 KB of activations) ran at 15-16 GB/CPU-s, against 34-35 for
     * 4,096-column rows; in blocks, 18-21 (MatMulCpuTime on big-F16's tensors). The rest of that gap is reading
     * each row in pieces.
     */
    private static final int BLOCK_COLS = 4096;
    /** Rows whose chains are parked between column blocks. */
    private static final int PASS_ROWS = 32;
    private static final int CHAIN_FLOATS = 4 * FloatDots.LANES;
    private static final ThreadLocal<float[]> PARKED = ThreadLocal.withInitial(() -> new float[PASS_ROWS * CHAIN_FLOATS]);

    private final MemorySegment data;
    private final int rows;
    private final int cols;
    /** Whether this one computes tinyBLAS's order ({@link WeightFormat#dotAlt}) through {@link FloatTiles#F16}. */
    private final boolean gemmOrder;
    /** The same rows in the other order. */
    private final FiniteF16Rows twin;

    /** The rows in vec_dot's order, with their twin in tinyBLAS's ({@code rowOrder} null), or that twin. */
    private FiniteF16Rows(MemorySegment data, int rows, int cols, FiniteF16Rows rowOrder) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
        this.gemmOrder = rowOrder != null;
        this.twin = gemmOrder ? rowOrder : new FiniteF16Rows(data, rows, cols, this);
    }

    /** The kernel for F16 {@code rows} x {@code cols} at {@code data}, or null without 16 SIMD lanes or if a weight is infinite or NaN. */
    static FiniteF16Rows of(MemorySegment data, int rows, int cols) {
        if (!FloatDots.SIMD || !allFinite(data)) return null;
        return new FiniteF16Rows(data, rows, cols, null);
    }

    /**
     * Whether no half has an all-ones exponent: per 16-bit field, (bits & 0x7C00) + 0x0400 reaches bit 15 only for
     * 0x7C00, and never carries into the next field.
     */
    static boolean allFinite(MemorySegment data) {
        VectorSpecies<Long> l = LongVector.SPECIES_PREFERRED;
        long exp = 0x7C007C007C007C00L, one = 0x0400040004000400L, top = 0x8000800080008000L;
        long n = data.byteSize(), step = l.vectorByteSize(), i = 0;
        LongVector any = LongVector.zero(l);
        for (; i + step <= n; i += step) {
            any = any.or(LongVector.fromMemorySegment(l, data, i, Le.ORDER).and(exp).add(one));
        }
        if (any.and(top).reduceLanes(VectorOperators.OR) != 0) return false;
        for (; i + 1 < n; i += 2) {
            if ((data.get(Le.SHORT, i) & 0x7C00) == 0x7C00) return false;
        }
        return true;
    }

    @Override
    public int rowsPerGroup() {
        return 1;
    }

    @Override
    public int groups() {
        return rows;
    }

    @Override
    public void prepare(Activations a) {
        a.buildScaledHalves();
    }

    @Override
    public RowGroups kernelFor(boolean altKernel) {
        return altKernel == gemmOrder ? this : twin;
    }

    @Override
    public void apply(int from, int to, Activations a, float[] out, int outOffset, int rows) {
        if (a.cols() != cols) throw new IllegalArgumentException("activations of " + a.cols() + " columns for rows of " + cols);
        if (gemmOrder) {
            FloatTiles.F16.apply(data, 2L * cols, from, to, a, out, outOffset, rows);
            return;
        }
        a.require(Activations.SCALED_HALVES);
        long rowBytes = 2L * cols;
        int np = cols & ~(FloatDots.STEP - 1);
        float[] park = PARKED.get();
        for (int t = 0; t < a.tokens(); t++) {
            int xOff = t * cols;
            for (int r0 = from; r0 < to; r0 += PASS_ROWS) {
                int r1 = Math.min(to, r0 + PASS_ROWS);
                for (int c0 = 0; c0 < np; c0 += BLOCK_COLS) {
                    int c1 = Math.min(np, c0 + BLOCK_COLS);
                    for (int r = r0; r < r1; r++) chains(data, r * rowBytes, a.scaledHalves, xOff, c0, c1, park, (r - r0) * CHAIN_FLOATS);
                }
                for (int r = r0; r < r1; r++) {
                    float sum = np == 0 ? 0f : parkedSum(park, (r - r0) * CHAIN_FLOATS); // no block ran: nothing parked
                    out[outOffset + t * rows + r] = FloatDots.leftovers(sum, data, r * rowBytes, true, a.values, xOff, np, cols);
                }
            }
        }
    }

    /** ggml's fold and lane tree of the four chains parked at {@code park[p ..]}. */
    private static float parkedSum(float[] park, int p) {
        FloatVector a0 = FloatVector.fromArray(F, park, p), a1 = FloatVector.fromArray(F, park, p + 16);
        FloatVector a2 = FloatVector.fromArray(F, park, p + 32), a3 = FloatVector.fromArray(F, park, p + 48);
        return FloatDots.tree(a0.add(a2).add(a1.add(a3)));
    }

    /**
     * ggml_vec_dot_f16's four chains for columns [{@code c0}, {@code c1}) (multiples of 64) of the row at
     * {@code off}, with the activations at {@code xOff} of {@code scaled} (times 2^112), continued from
     * {@code park[p ..]} (from zero at column 0) and left there. As in {@link FloatDots}, the four accumulators take
     * turns, so that the conversion has one call site.
     */
    private static void chains(MemorySegment w, long off, float[] scaled, int xOff, int c0, int c1, float[] park, int p) {
        FloatVector a0, a1, a2, a3;
        if (c0 == 0) {
            a0 = a1 = a2 = a3 = FloatVector.zero(F);
        } else {
            a0 = FloatVector.fromArray(F, park, p);
            a1 = FloatVector.fromArray(F, park, p + 16);
            a2 = FloatVector.fromArray(F, park, p + 32);
            a3 = FloatVector.fromArray(F, park, p + 48);
        }
        for (int i = c0; i < c1; i += FloatDots.LANES) {
            IntVector h = (IntVector) ShortVector.fromMemorySegment(S, w, off + 2L * i, Le.ORDER).convertShape(S2I, I, 0);
            FloatVector next = h.lanewise(LSHL, 13).and(KEPT).reinterpretAsFloats().fma(FloatVector.fromArray(F, scaled, xOff + i), a0);
            a0 = a1;
            a1 = a2;
            a2 = a3;
            a3 = next;
        }
        a0.intoArray(park, p);
        a1.intoArray(park, p + 16);
        a2.intoArray(park, p + 32);
        a3.intoArray(park, p + 48);
    }
}
