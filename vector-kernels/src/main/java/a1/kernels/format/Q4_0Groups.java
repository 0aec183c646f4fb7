package a1.kernels.format;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q4_0 regrouped {@link #ROWS} rows to a group, one int lane per row (llama.cpp repacks Q4_0 at load for the same
 * reason, in groups of 8). A group holds, for each span of {@link #SPAN} blocks, its rows' F16 scales block by
 * block and then the span's quants: per block 4 slices, int lane r of slice k holding bytes 4k..4k+3 of row r's
 * nibbles as GGUF stores them. Read as 16-bit lanes, a slice holds in the low half of lane r the nibbles of
 * elements 4k, 4k+16, 4k+1, 4k+17 and in the high half those of 4k+2, 4k+18, 4k+3, 4k+19, which one broadcast of
 * {@link Activations#q4Pairs} meets. The nibbles are taken unsigned (a mask and at most one shift each) and the
 * block's -8 x (sum of its activations) is added once ({@link Activations#q4Bias}); all of it in 16-bit lanes
 * modulo 2^16, which is exact because a block's dot lies within +-32512: the two halves of a lane are added and
 * sign-extended once per block. The block sums are fused into one float per row block by block as
 * {@link Q4_0#dotAlt} (llama.cpp's repacked kernels) does, so the results are bit for bit dotAlt's. Same bytes as
 * the GGUF rows; the batch kernel unpacks each slice once for {@link #TOKENS} tokens, and one token is taken
 * against two groups at once (see {@link #one}). The scales are widened to floats {@link #SPAN} blocks at a time
 * beforehand, with {@link Simd#halvesToFloats} (1.07-1.09x out of cache and 1.17-1.19x in the L3 against
 * {@link Simd#halfToFloat}, alternated call by call): done inside the product loop, the conversion pushed C2 past
 * its inlining node budget and halved the speed; storing the scales as floats instead (11% more bytes) was 1.32x
 * faster in the L3 but 0.83-0.84x out of cache, where decode runs. The products and block ends are written out,
 * not in helper methods: with the slice load and broadcasts in helpers, C2 left them calls and boxed their vectors
 * (0.24 GB/CPU-s against 19-20).
 */
final class Q4_0Groups implements RowGroups {
    private static final VectorSpecies<Integer> I = Simd.I;
    private static final VectorSpecies<Float> F = Simd.F;
    static final int ROWS = I.length();
    /** Bytes of one slice: an int per row. */
    private static final long SLICE = 4L * ROWS;
    private static final long QUANT_BYTES = 4 * SLICE;
    /** The low nibble of each 16-bit half: shifts and masks work on int lanes, which C2 shifts by an immediate. */
    private static final int NIBBLES = 0x000F000F;
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
            for (int i = 0; i < ROWS; i++) {
                long from = (g * ROWS + i) * rowBytes;
                for (int b = 0; b < blocks; b++) {
                    long s = from + (long) b * Q4_0.BYTES;
                    q.data.set(Le.SHORT, q.span(g, b - b % SPAN) + 2L * (b % SPAN * ROWS + i), src.get(Le.SHORT, s));
                    long d = q.quants(g, b - b % SPAN) + b % SPAN * QUANT_BYTES + 4L * i;
                    for (int k = 0; k < 4; k++) q.data.set(Le.INT, d + k * SLICE, src.get(Le.INT, s + 2 + 4 * k));
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
        a.buildQ4Pairs();
    }

    @Override
    public void apply(int from, int to, Activations a, float[] out, int outOffset, int rows) {
        a.require(Activations.Q4_PAIRS);
        float[] scales = SCALES.get();
        for (int g = from; g < to; g += 2) {
            int h = Math.min(g + 1, to - 1);
            for (int b0 = 0; b0 < blocks; b0 += SPAN) {
                int span = Math.min(SPAN, blocks - b0);
                widenScales(g, b0, span, scales, 0);
                widenScales(h, b0, span, scales, SPAN * ROWS);
                boolean first = b0 == 0;
                int t = 0;
                for (; t + TOKENS <= a.tokens(); t += TOKENS) {
                    four(g, b0, span, scales, 0, first, t, a, out, outOffset + t * rows + g * ROWS, rows);
                    if (h != g) four(h, b0, span, scales, SPAN * ROWS, first, t, a, out, outOffset + t * rows + h * ROWS, rows);
                }
                for (; t < a.tokens(); t++) one(g, h, b0, span, scales, first, t, a, out, outOffset + t * rows);
            }
        }
    }

    private void widenScales(int g, int b0, int span, float[] scales, int at) {
        long p = span(g, b0);
        Simd.halvesToFloats(data, p, span * ROWS, scales, at);
    }

    /**
     * Blocks [b0, b0+span) of groups g and h against token t, added to the rows' sums at {@code out[o + g*ROWS ..]}
     * and {@code out[o + h*ROWS ..]} (started from zero when {@code first}); {@code scales} holds the span's weight
     * scales as floats, g's and then h's. Two groups share each activation broadcast and read two streams at once
     * (against the kernel of before, 16-bit lanes and one group at a time, alternated call by call: 1.18-1.51x on a
     * 16384x4096 matrix, 1.14-1.18x on one that stays in the L3; this layout one group at a time gave 1.11-1.43x
     * and 0.975x, four groups 1.17-1.44x and 1.02-1.03x; Q8_0Groups got slower out of cache when paired, so
     * measure before pairing another kernel). h == g (an odd group out) computes g twice
     * and writes the same sums twice. One flat loop over the slices, a block finished at every 4th: a nested loop kept
     * its overhead per block.
     */
    private void one(int g, int h, int b0, int span, float[] scales, boolean first, int t, Activations a, float[] out, int o) {
        int[] pa = a.q4Pairs, bias = a.q4Bias;
        float[] as = a.scales;
        int og = o + g * ROWS, oh = o + h * ROWS;
        FloatVector fg = first ? FloatVector.zero(F) : FloatVector.fromArray(F, out, og);
        FloatVector fh = first ? FloatVector.zero(F) : FloatVector.fromArray(F, out, oh);
        long pg = quants(g, b0), ph = quants(h, b0);
        int e0 = (t * blocks + b0) * 16, sc = t * blocks + b0;
        ShortVector sg = IntVector.broadcast(I, bias[sc]).reinterpretAsShorts(), sh = sg;
        for (int s = 0; s < span * 4; s++) {
            IntVector v = IntVector.fromMemorySegment(I, data, pg + s * SLICE, Le.ORDER), u = IntVector.fromMemorySegment(I, data, ph + s * SLICE, Le.ORDER);
            int e = e0 + 4 * s;
            ShortVector a0 = IntVector.broadcast(I, pa[e]).reinterpretAsShorts(), a1 = IntVector.broadcast(I, pa[e + 1]).reinterpretAsShorts();
            ShortVector a2 = IntVector.broadcast(I, pa[e + 2]).reinterpretAsShorts(), a3 = IntVector.broadcast(I, pa[e + 3]).reinterpretAsShorts();
            sg = sg.add(v.and(NIBBLES).reinterpretAsShorts().mul(a0).add(v.lanewise(LSHR, 4).and(NIBBLES).reinterpretAsShorts().mul(a1))
                    .add(v.lanewise(LSHR, 8).and(NIBBLES).reinterpretAsShorts().mul(a2).add(v.lanewise(LSHR, 12).and(NIBBLES).reinterpretAsShorts().mul(a3))));
            sh = sh.add(u.and(NIBBLES).reinterpretAsShorts().mul(a0).add(u.lanewise(LSHR, 4).and(NIBBLES).reinterpretAsShorts().mul(a1))
                    .add(u.lanewise(LSHR, 8).and(NIBBLES).reinterpretAsShorts().mul(a2).add(u.lanewise(LSHR, 12).and(NIBBLES).reinterpretAsShorts().mul(a3))));
            if ((s & 3) == 3) {
                int b = s >> 2;
                FloatVector d = FloatVector.broadcast(F, as[sc + b]);
                IntVector x = sg.reinterpretAsInts();
                fg = ((FloatVector) x.add(x.lanewise(LSHL, 16)).lanewise(ASHR, 16).convert(I2F, 0)).fma(FloatVector.fromArray(F, scales, b * ROWS).mul(d), fg);
                x = sh.reinterpretAsInts();
                fh = ((FloatVector) x.add(x.lanewise(LSHL, 16)).lanewise(ASHR, 16).convert(I2F, 0)).fma(FloatVector.fromArray(F, scales, (SPAN + b) * ROWS).mul(d), fh);
                if (b + 1 < span) sg = sh = IntVector.broadcast(I, bias[sc + b + 1]).reinterpretAsShorts();
            }
        }
        fg.intoArray(out, og);
        fh.intoArray(out, oh);
    }

    /** As {@link #one} for tokens t..t+3 and group g alone, each slice unpacked once; token t+i's sums at {@code o + i*rows}. */
    private void four(int g, int b0, int span, float[] scales, int at, boolean first, int t, Activations a, float[] out, int o, int rows) {
        int[] pa = a.q4Pairs, bias = a.q4Bias;
        float[] as = a.scales;
        FloatVector f0, f1, f2, f3;
        if (first) {
            f0 = f1 = f2 = f3 = FloatVector.zero(F);
        } else {
            f0 = FloatVector.fromArray(F, out, o);
            f1 = FloatVector.fromArray(F, out, o + rows);
            f2 = FloatVector.fromArray(F, out, o + 2 * rows);
            f3 = FloatVector.fromArray(F, out, o + 3 * rows);
        }
        long p0 = quants(g, b0);
        int stride = blocks * 16, sc = t * blocks + b0, e0 = sc * 16;
        ShortVector s0 = IntVector.broadcast(I, bias[sc]).reinterpretAsShorts(), s1 = IntVector.broadcast(I, bias[sc + blocks]).reinterpretAsShorts();
        ShortVector s2 = IntVector.broadcast(I, bias[sc + 2 * blocks]).reinterpretAsShorts(), s3 = IntVector.broadcast(I, bias[sc + 3 * blocks]).reinterpretAsShorts();
        for (int s = 0; s < span * 4; s++) {
            IntVector v = IntVector.fromMemorySegment(I, data, p0 + s * SLICE, Le.ORDER);
            ShortVector n0 = v.and(NIBBLES).reinterpretAsShorts(), n1 = v.lanewise(LSHR, 4).and(NIBBLES).reinterpretAsShorts();
            ShortVector n2 = v.lanewise(LSHR, 8).and(NIBBLES).reinterpretAsShorts(), n3 = v.lanewise(LSHR, 12).and(NIBBLES).reinterpretAsShorts();
            int e = e0 + 4 * s;
            s0 = s0.add(n0.mul(IntVector.broadcast(I, pa[e]).reinterpretAsShorts()).add(n1.mul(IntVector.broadcast(I, pa[e + 1]).reinterpretAsShorts()))
                    .add(n2.mul(IntVector.broadcast(I, pa[e + 2]).reinterpretAsShorts()).add(n3.mul(IntVector.broadcast(I, pa[e + 3]).reinterpretAsShorts()))));
            e += stride;
            s1 = s1.add(n0.mul(IntVector.broadcast(I, pa[e]).reinterpretAsShorts()).add(n1.mul(IntVector.broadcast(I, pa[e + 1]).reinterpretAsShorts()))
                    .add(n2.mul(IntVector.broadcast(I, pa[e + 2]).reinterpretAsShorts()).add(n3.mul(IntVector.broadcast(I, pa[e + 3]).reinterpretAsShorts()))));
            e += stride;
            s2 = s2.add(n0.mul(IntVector.broadcast(I, pa[e]).reinterpretAsShorts()).add(n1.mul(IntVector.broadcast(I, pa[e + 1]).reinterpretAsShorts()))
                    .add(n2.mul(IntVector.broadcast(I, pa[e + 2]).reinterpretAsShorts()).add(n3.mul(IntVector.broadcast(I, pa[e + 3]).reinterpretAsShorts()))));
            e += stride;
            s3 = s3.add(n0.mul(IntVector.broadcast(I, pa[e]).reinterpretAsShorts()).add(n1.mul(IntVector.broadcast(I, pa[e + 1]).reinterpretAsShorts()))
                    .add(n2.mul(IntVector.broadcast(I, pa[e + 2]).reinterpretAsShorts()).add(n3.mul(IntVector.broadcast(I, pa[e + 3]).reinterpretAsShorts()))));
            if ((s & 3) == 3) {
                int b = s >> 2, c = sc + b;
                FloatVector w = FloatVector.fromArray(F, scales, at + b * ROWS);
                IntVector x = s0.reinterpretAsInts();
                f0 = ((FloatVector) x.add(x.lanewise(LSHL, 16)).lanewise(ASHR, 16).convert(I2F, 0)).fma(w.mul(as[c]), f0);
                x = s1.reinterpretAsInts();
                f1 = ((FloatVector) x.add(x.lanewise(LSHL, 16)).lanewise(ASHR, 16).convert(I2F, 0)).fma(w.mul(as[c + blocks]), f1);
                x = s2.reinterpretAsInts();
                f2 = ((FloatVector) x.add(x.lanewise(LSHL, 16)).lanewise(ASHR, 16).convert(I2F, 0)).fma(w.mul(as[c + 2 * blocks]), f2);
                x = s3.reinterpretAsInts();
                f3 = ((FloatVector) x.add(x.lanewise(LSHL, 16)).lanewise(ASHR, 16).convert(I2F, 0)).fma(w.mul(as[c + 3 * blocks]), f3);
                if (b + 1 < span) {
                    s0 = IntVector.broadcast(I, bias[c + 1]).reinterpretAsShorts();
                    s1 = IntVector.broadcast(I, bias[c + 1 + blocks]).reinterpretAsShorts();
                    s2 = IntVector.broadcast(I, bias[c + 1 + 2 * blocks]).reinterpretAsShorts();
                    s3 = IntVector.broadcast(I, bias[c + 1 + 3 * blocks]).reinterpretAsShorts();
                }
            }
        }
        f0.intoArray(out, o);
        f1.intoArray(out, o + rows);
        f2.intoArray(out, o + 2 * rows);
        f3.intoArray(out, o + 3 * rows);
    }
}
