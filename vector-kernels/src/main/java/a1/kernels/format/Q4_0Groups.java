package a1.kernels.format;

import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.S2F;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q4_0 regrouped {@link #ROWS} rows to a group, one 16-bit lane per row (llama.cpp repacks Q4_0 at load for the
 * same reason, in groups of 8). A group holds, for each span of {@link #SPAN} blocks, its rows' F16 scales block by
 * block and then the span's quants, so that the kernel reads one sequential stream: per block 8 slices where lane r
 * holds bytes 2k and 2k+1 of row r's nibbles. Same bytes as the GGUF rows.
 * <p>
 * The kernels multiply the unsigned nibbles u and subtract 8 * (sum of the block's activations) at the block's end:
 * the block's true sum of (u - 8) * a fits in 16 bits (|u - 8| <= 8, |a| <= 127, 32 products), so wrapping 16-bit
 * arithmetic gives it exactly. A mask takes one instruction where sign-extending a nibble (nibbles stored xor 8)
 * took two shifts, which compete with the activation broadcasts for the same ports (in cache, one token: 16.7 -> 19
 * GB/CPU-s; 64 tokens: +5%). The block sums are fused into one float per row block by block as
 * {@link Q4_0#dotAlt} (llama.cpp's repacked kernels) does, so the results are bit for bit dotAlt's.
 * <p>
 * The batch kernel unpacks each slice once for {@link #TOKENS} tokens. The scales are widened to floats
 * {@link #SPAN} blocks at a time beforehand: done inside the product loop, the conversion pushed C2 past its
 * inlining node budget.
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
    private static final ThreadLocal<float[]> SCALES = ThreadLocal.withInitial(() -> new float[2 * SPAN * ROWS]);

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
                        long v = src.get(Le.LONG, s + 2 + 8 * half);
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

    /**
     * Groups go in pairs: the one-token kernel {@link #pair} shares each slice's activation broadcasts between two
     * groups (in cache 19 -> 22 GB/CPU-s against one group at a time). A range's last, odd group is paired with
     * itself; its second result overwrites the first with the same values.
     */
    @Override
    public void apply(int from, int to, Activations a, float[] out, int outOffset, int rows) {
        a.require(Activations.SLICES);
        float[] scales = SCALES.get();
        for (int g = from; g < to; g += 2) {
            int h = Math.min(g + 1, to - 1);
            for (int b0 = 0; b0 < blocks; b0 += SPAN) {
                int span = Math.min(SPAN, blocks - b0);
                widenScales(g, b0, span, scales, 0);
                widenScales(h, b0, span, scales, SPAN * ROWS);
                boolean first = b0 == 0;
                int tiled = a.tokens() / TOKENS * TOKENS;
                for (int k = g; k <= h; k++) {
                    for (int t = 0; t < tiled; t += TOKENS) four(k, b0, span, scales, (k - g) * SPAN * ROWS, first, t, a, out, outOffset + t * rows + k * ROWS, rows);
                }
                for (int t = tiled; t < a.tokens(); t++) pair(g, h, b0, span, scales, first, t, a, out, outOffset + t * rows);
            }
        }
    }

    /**
     * The F16 scales of group g's span at b0 as floats at {@code scales[at ..]}, by the CPU's conversion
     * instruction: {@link Simd#halfToFloat} here took a tenth of Q4_0 decode.
     */
    private void widenScales(int g, int b0, int span, float[] scales, int at) {
        Simd.halvesToFloats(data, span(g, b0), span * ROWS, scales, at);
    }

    /**
     * Blocks [b0, b0+span) of groups g and h against token t, added to the rows' sums at {@code out[o + g*ROWS ..]}
     * and {@code out[o + h*ROWS ..]} (started from zero when {@code first}); {@code scales} holds the span's weight
     * scales as floats, g's and then h's. One flat loop over the span's slices, the block's sums fused in at every
     * 8th: a nested loop over a block's 8 slices kept its overhead (and a range-check setup) per block. Lane bits
     * 0-3 of slice k are element 2k, bits 4-7 element 2k+16, 8-11 element 2k+1, 12-15 element 2k+17, the order
     * {@link Activations#slices} holds the quants in.
     */
    private void pair(int g, int h, int b0, int span, float[] scales, boolean first, int t, Activations a, float[] out, int o) {
        short[] qa = a.slices;
        short[] bias = a.sliceBiases;
        float[] as = a.scales;
        int og = o + g * ROWS, oh = o + h * ROWS;
        FloatVector glo = first ? FloatVector.zero(Simd.F) : FloatVector.fromArray(Simd.F, out, og);
        FloatVector ghi = first ? FloatVector.zero(Simd.F) : FloatVector.fromArray(Simd.F, out, og + HALF);
        FloatVector hlo = first ? FloatVector.zero(Simd.F) : FloatVector.fromArray(Simd.F, out, oh);
        FloatVector hhi = first ? FloatVector.zero(Simd.F) : FloatVector.fromArray(Simd.F, out, oh + HALF);
        long pg = quants(g, b0), ph = quants(h, b0);
        int q = t * a.cols() + b0 * Q4_0.BLOCK;
        int sc = t * blocks + b0;
        ShortVector gsum = ShortVector.zero(S), hsum = gsum;
        for (int s = 0; s < span * 8; s++) {
            ShortVector v = ShortVector.fromMemorySegment(S, data, pg + s * SLICE, Le.ORDER);
            ShortVector u = ShortVector.fromMemorySegment(S, data, ph + s * SLICE, Le.ORDER);
            int e = q + 4 * s;
            short a0 = qa[e], a1 = qa[e + 1], a2 = qa[e + 2], a3 = qa[e + 3];
            gsum = gsum.add(v.and((short) 15).mul(a0).add(v.lanewise(LSHR, 4).and((short) 15).mul(a1))
                    .add(v.lanewise(LSHR, 8).and((short) 15).mul(a2).add(v.lanewise(LSHR, 12).mul(a3))));
            hsum = hsum.add(u.and((short) 15).mul(a0).add(u.lanewise(LSHR, 4).and((short) 15).mul(a1))
                    .add(u.lanewise(LSHR, 8).and((short) 15).mul(a2).add(u.lanewise(LSHR, 12).mul(a3))));
            if ((s & 7) == 7) {
                int b = s >> 3;
                gsum = gsum.sub(bias[sc + b]);
                hsum = hsum.sub(bias[sc + b]);
                FloatVector d = FloatVector.broadcast(Simd.F, as[sc + b]);
                glo = ((FloatVector) gsum.convertShape(S2F, Simd.F, 0)).fma(FloatVector.fromArray(Simd.F, scales, b * ROWS).mul(d), glo);
                ghi = ((FloatVector) gsum.convertShape(S2F, Simd.F, 1)).fma(FloatVector.fromArray(Simd.F, scales, b * ROWS + HALF).mul(d), ghi);
                hlo = ((FloatVector) hsum.convertShape(S2F, Simd.F, 0)).fma(FloatVector.fromArray(Simd.F, scales, (SPAN + b) * ROWS).mul(d), hlo);
                hhi = ((FloatVector) hsum.convertShape(S2F, Simd.F, 1)).fma(FloatVector.fromArray(Simd.F, scales, (SPAN + b) * ROWS + HALF).mul(d), hhi);
                gsum = ShortVector.zero(S);
                hsum = gsum;
            }
        }
        glo.intoArray(out, og);
        ghi.intoArray(out, og + HALF);
        hlo.intoArray(out, oh);
        hhi.intoArray(out, oh + HALF);
    }

    /**
     * As {@link #pair} for group g alone, its scales at {@code scales[at ..]}, and tokens t..t+3, each slice unpacked
     * once; token t+i's sums at {@code o + i*rows}.
     */
    private void four(int g, int b0, int span, float[] scales, int at, boolean first, int t, Activations a, float[] out, int o, int rows) {
        short[] qa = a.slices;
        short[] bias = a.sliceBiases;
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
            ShortVector n0 = v.and((short) 15), n1 = v.lanewise(LSHR, 4).and((short) 15);
            ShortVector n2 = v.lanewise(LSHR, 8).and((short) 15), n3 = v.lanewise(LSHR, 12);
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
                s0 = s0.sub(bias[sc + b]);
                s1 = s1.sub(bias[sc + blocks + b]);
                s2 = s2.sub(bias[sc + 2 * blocks + b]);
                s3 = s3.sub(bias[sc + 3 * blocks + b]);
                FloatVector wlo = FloatVector.fromArray(Simd.F, scales, at + b * ROWS), whi = FloatVector.fromArray(Simd.F, scales, at + b * ROWS + HALF);
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
