package a1.kernels.format;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.S2F;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q4_0 regrouped {@link #ROWS} rows to a group, one 16-bit lane per row (llama.cpp repacks Q4_0 at load for the
 * same reason, in groups of 8). A group holds, for each span of {@link #SPAN} blocks, its rows' F16 scales block by
 * block and then the span's quants, so that the kernel reads one sequential stream: per block 8
 * slices where lane r holds bytes 2k and 2k+1 of row r's nibbles, each nibble xor 8 so that an arithmetic shift yields the signed
 * weight (nibble - 8). A block's 32 products (|w| <= 8, |a| <= 127) sum exactly in 16 bits; the sums are fused into
 * one float per row block by block as {@link Q4_0#dotAlt} (llama.cpp's repacked kernels) does, so the results are
 * bit for bit dotAlt's. Same bytes as the GGUF rows; the batch kernel unpacks each slice once for {@link #TOKENS}
 * tokens. The scales are widened to floats {@link #SPAN} blocks at a time beforehand: done inside the product loop,
 * the conversion pushed C2 past its inlining node budget.
 */
final class Q4_0Groups implements RowGroups {
    private static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(Simd.BITS, 128)));
    /** Rows per group: as many as 16-bit lanes, and twice the float lanes that hold the rows' sums. */
    static final int ROWS = S.length();
    private static final int HALF = ROWS / 2;
    private static final long SLICE = 2L * ROWS;
    private static final long QUANT_BYTES = 16L * ROWS;
    private static final int TOKENS = 4;
    private static final int SPAN = 32;
    private static final ThreadLocal<float[]> SCALES = ThreadLocal.withInitial(() -> new float[SPAN * ROWS]);

    private final MemorySegment data;
    private final int groups;
    private final int blocks;
    private final long groupBytes;

    private Q4_0Groups(MemorySegment data, int groups, int blocks) {
        this.data = data;
        this.groups = groups;
        this.blocks = blocks;
        this.groupBytes = (long) blocks * Q4_0.BYTES * ROWS;
    }

    /** Regroups the whole groups of rows of {@code src} (GGUF Q4_0 rows of {@code cols}), or null if there are none. */
    static Q4_0Groups of(MemorySegment src, int rows, int cols) {
        int groups = rows / ROWS;
        if (groups == 0) return null;
        int blocks = cols / Q4_0.BLOCK;
        long rowBytes = (long) blocks * Q4_0.BYTES;
        Q4_0Groups q = new Q4_0Groups(RegroupedMemory.allocate(groups * (long) blocks * Q4_0.BYTES * ROWS), groups, blocks);
        for (int g = 0; g < groups; g++) {
            long base = g * q.groupBytes;
            for (int i = 0; i < ROWS; i++) {
                long from = (g * ROWS + i) * rowBytes;
                for (int b = 0; b < blocks; b++) {
                    long s = from + (long) b * Q4_0.BYTES;
                    q.data.set(Le.SHORT, q.span(g, b - b % SPAN) + 2L * (b % SPAN * ROWS + i), src.get(Le.SHORT, s));
                    long d = q.quants(g, b - b % SPAN) + b % SPAN * QUANT_BYTES + 2L * i;
                    for (int half = 0; half < 2; half++) {
                        long v = src.get(Le.LONG, s + 2 + 8 * half) ^ 0x8888888888888888L;
                        for (int k = 0; k < 4; k++) q.data.set(Le.SHORT, d + SLICE * (4 * half + k), (short) (v >>> (16 * k)));
                    }
                }
            }
        }
        return q;
    }

    /** Start of the span of blocks from b0 (a multiple of SPAN) in group g: the span's scales, then its quants. */
    private long span(int g, int b0) {
        return g * groupBytes + (long) b0 * Q4_0.BYTES * ROWS;
    }

    private long quants(int g, int b0) {
        return span(g, b0) + 2L * ROWS * Math.min(SPAN, blocks - b0);
    }

    @Override
    public int rowsPerGroup() {
        return ROWS;
    }

    @Override
    public int groups() {
        return groups;
    }

    @Override
    public void prepare(Activations a) {
        a.buildSlices();
    }

    @Override
    public void apply(int from, int to, Activations a, float[] out, int outOffset, int rows) {
        a.require(Activations.SLICES);
        float[] scales = SCALES.get();
        for (int g = from; g < to; g++) {
            for (int b0 = 0; b0 < blocks; b0 += SPAN) {
                int span = Math.min(SPAN, blocks - b0);
                widenScales(g, b0, span, scales);
                boolean first = b0 == 0;
                int t = 0;
                for (; t + TOKENS <= a.tokens(); t += TOKENS) four(g, b0, span, scales, first, t, a, out, outOffset + t * rows + g * ROWS, rows);
                for (; t < a.tokens(); t++) one(g, b0, span, scales, first, t, a, out, outOffset + t * rows + g * ROWS);
            }
        }
    }

    private void widenScales(int g, int b0, int span, float[] scales) {
        long p = span(g, b0);
        for (int i = 0; i < span * ROWS; i += HALF) {
            Simd.halfToFloat(ShortVector.fromMemorySegment(Simd.S, data, p + 2L * i, Le.ORDER)).intoArray(scales, i);
        }
    }

    /**
     * Blocks [b0, b0+span) of group g against token t, added to the rows' sums at {@code out[o ..]} (started from
     * zero when {@code first}); {@code scales} holds the span's weight scales as floats. One flat loop over the
     * span's slices, the block's sums fused in at every 8th: a nested loop over a block's 8 slices kept its
     * overhead (and a range-check setup) per block. Lane bits 0-3 of slice k are element 2k, bits 4-7 element
     * 2k+16, 8-11 element 2k+1, 12-15 element 2k+17, the order {@link Activations#slices} holds the quants in.
     */
    private void one(int g, int b0, int span, float[] scales, boolean first, int t, Activations a, float[] out, int o) {
        short[] qa = a.slices;
        float[] as = a.scales;
        FloatVector lo = first ? FloatVector.zero(Simd.F) : FloatVector.fromArray(Simd.F, out, o);
        FloatVector hi = first ? FloatVector.zero(Simd.F) : FloatVector.fromArray(Simd.F, out, o + HALF);
        long p = quants(g, b0);
        int q = t * a.cols() + b0 * Q4_0.BLOCK;
        int sc = t * blocks + b0;
        ShortVector sum = ShortVector.zero(S);
        for (int s = 0; s < span * 8; s++) {
            ShortVector v = ShortVector.fromMemorySegment(S, data, p + s * SLICE, Le.ORDER);
            int e = q + 4 * s;
            sum = sum.add(v.lanewise(LSHL, 12).lanewise(ASHR, 12).mul(qa[e]).add(v.lanewise(LSHL, 8).lanewise(ASHR, 12).mul(qa[e + 1]))
                    .add(v.lanewise(LSHL, 4).lanewise(ASHR, 12).mul(qa[e + 2]).add(v.lanewise(ASHR, 12).mul(qa[e + 3]))));
            if ((s & 7) == 7) {
                int b = s >> 3;
                FloatVector d = FloatVector.broadcast(Simd.F, as[sc + b]);
                lo = ((FloatVector) sum.convertShape(S2F, Simd.F, 0)).fma(FloatVector.fromArray(Simd.F, scales, b * ROWS).mul(d), lo);
                hi = ((FloatVector) sum.convertShape(S2F, Simd.F, 1)).fma(FloatVector.fromArray(Simd.F, scales, b * ROWS + HALF).mul(d), hi);
                sum = ShortVector.zero(S);
            }
        }
        lo.intoArray(out, o);
        hi.intoArray(out, o + HALF);
    }

    /** As {@link #one} for tokens t..t+3, each slice unpacked once; token t+i's sums at {@code o + i*rows}. */
    private void four(int g, int b0, int span, float[] scales, boolean first, int t, Activations a, float[] out, int o, int rows) {
        short[] qa = a.slices;
        float[] as = a.scales;
        int cols = a.cols();
        FloatVector lo0, hi0, lo1, hi1, lo2, hi2, lo3, hi3;
        if (first) {
            lo0 = hi0 = lo1 = hi1 = lo2 = hi2 = lo3 = hi3 = FloatVector.zero(Simd.F);
        } else {
            lo0 = FloatVector.fromArray(Simd.F, out, o);
            hi0 = FloatVector.fromArray(Simd.F, out, o + HALF);
            lo1 = FloatVector.fromArray(Simd.F, out, o + rows);
            hi1 = FloatVector.fromArray(Simd.F, out, o + rows + HALF);
            lo2 = FloatVector.fromArray(Simd.F, out, o + 2 * rows);
            hi2 = FloatVector.fromArray(Simd.F, out, o + 2 * rows + HALF);
            lo3 = FloatVector.fromArray(Simd.F, out, o + 3 * rows);
            hi3 = FloatVector.fromArray(Simd.F, out, o + 3 * rows + HALF);
        }
        long p = quants(g, b0);
        int q = t * cols + b0 * Q4_0.BLOCK;
        int sc = t * blocks + b0;
        ShortVector s0 = ShortVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        for (int s = 0; s < span * 8; s++) {
            ShortVector v = ShortVector.fromMemorySegment(S, data, p + s * SLICE, Le.ORDER);
            ShortVector n0 = v.lanewise(LSHL, 12).lanewise(ASHR, 12), n1 = v.lanewise(LSHL, 8).lanewise(ASHR, 12);
            ShortVector n2 = v.lanewise(LSHL, 4).lanewise(ASHR, 12), n3 = v.lanewise(ASHR, 12);
            int e = q + 4 * s;
            s0 = s0.add(n0.mul(qa[e]).add(n1.mul(qa[e + 1])).add(n2.mul(qa[e + 2]).add(n3.mul(qa[e + 3]))));
            e += cols;
            s1 = s1.add(n0.mul(qa[e]).add(n1.mul(qa[e + 1])).add(n2.mul(qa[e + 2]).add(n3.mul(qa[e + 3]))));
            e += cols;
            s2 = s2.add(n0.mul(qa[e]).add(n1.mul(qa[e + 1])).add(n2.mul(qa[e + 2]).add(n3.mul(qa[e + 3]))));
            e += cols;
            s3 = s3.add(n0.mul(qa[e]).add(n1.mul(qa[e + 1])).add(n2.mul(qa[e + 2]).add(n3.mul(qa[e + 3]))));
            if ((s & 7) == 7) {
                int b = s >> 3;
                FloatVector wlo = FloatVector.fromArray(Simd.F, scales, b * ROWS), whi = FloatVector.fromArray(Simd.F, scales, b * ROWS + HALF);
                FloatVector d = FloatVector.broadcast(Simd.F, as[sc + b]);
                lo0 = ((FloatVector) s0.convertShape(S2F, Simd.F, 0)).fma(wlo.mul(d), lo0);
                hi0 = ((FloatVector) s0.convertShape(S2F, Simd.F, 1)).fma(whi.mul(d), hi0);
                d = FloatVector.broadcast(Simd.F, as[sc + blocks + b]);
                lo1 = ((FloatVector) s1.convertShape(S2F, Simd.F, 0)).fma(wlo.mul(d), lo1);
                hi1 = ((FloatVector) s1.convertShape(S2F, Simd.F, 1)).fma(whi.mul(d), hi1);
                d = FloatVector.broadcast(Simd.F, as[sc + 2 * blocks + b]);
                lo2 = ((FloatVector) s2.convertShape(S2F, Simd.F, 0)).fma(wlo.mul(d), lo2);
                hi2 = ((FloatVector) s2.convertShape(S2F, Simd.F, 1)).fma(whi.mul(d), hi2);
                d = FloatVector.broadcast(Simd.F, as[sc + 3 * blocks + b]);
                lo3 = ((FloatVector) s3.convertShape(S2F, Simd.F, 0)).fma(wlo.mul(d), lo3);
                hi3 = ((FloatVector) s3.convertShape(S2F, Simd.F, 1)).fma(whi.mul(d), hi3);
                s0 = s1 = s2 = s3 = ShortVector.zero(S);
            }
        }
        lo0.intoArray(out, o);
        hi0.intoArray(out, o + HALF);
        lo1.intoArray(out, o + rows);
        hi1.intoArray(out, o + rows + HALF);
        lo2.intoArray(out, o + 2 * rows);
        hi2.intoArray(out, o + 2 * rows + HALF);
        lo3.intoArray(out, o + 3 * rows);
        hi3.intoArray(out, o + 3 * rows + HALF);
    }
}
