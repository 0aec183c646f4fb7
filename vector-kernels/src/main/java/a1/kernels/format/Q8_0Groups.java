package a1.kernels.format;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.B2S;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.LSHL;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q8_0 regrouped {@link #ROWS} rows to a group, one int lane per row, computed in {@link Q8_0#dot}'s order (eight
 * float lanes per row, lane l adding block by block the integer sum of elements 4l..4l+3 times the block's scale
 * product with a fused multiply-add, then hsum_float_8). Per block a group holds its rows' scales as floats, then
 * per lane l the rows' elements 4l and 4l+2 (two bytes per row), then their elements 4l+1 and 4l+3: one forward
 * stream, a block of a whole group at a time (4 bytes more per block and row than GGUF's 34, for the float scale).
 * Each half is widened to 16-bit lanes (row r in the two halves of int lane r) and multiplied by its activations;
 * the two products of a 16-bit lane sum exactly (|w| <= 128, |a| <= 127, so |sum| <= 32512), and the int lane's
 * two halves then add into ggml's integer lane sum. The float steps (the scale product, the fused multiply-adds,
 * the final lane sums) are ggml's, per row.
 */
final class Q8_0Groups implements RowGroups {
    private static final VectorSpecies<Integer> I = Simd.I;
    private static final VectorSpecies<Float> F = Simd.F;
    private static final VectorSpecies<Short> S = I.withLanes(short.class);
    /** Bytes that widen to {@link #S}: half its width. */
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
    static final int ROWS = I.length();
    /** Bytes of one lane l of a block: the rows' even elements, then their odd ones. */
    private static final long SLICE = 4L * ROWS;
    private static final long HALF = 2L * ROWS;
    /** Bytes of one block of a group: the rows' float scales, then eight slices. */
    private static final long BLOCK_BYTES = 9 * SLICE;

    private final MemorySegment data;
    private final int groups;
    private final int blocks;

    private Q8_0Groups(MemorySegment data, int groups, int blocks) {
        this.data = data;
        this.groups = groups;
        this.blocks = blocks;
    }

    /** Regroups the whole groups of rows of {@code src} (GGUF Q8_0 rows of {@code cols}), or null if there are none. */
    static Q8_0Groups of(MemorySegment src, int rows, int cols) {
        int groups = rows / ROWS;
        if (groups == 0) return null;
        int blocks = cols / Q8_0.BLOCK;
        long rowBytes = (long) blocks * Q8_0.BYTES;
        Q8_0Groups q = new Q8_0Groups(RegroupedMemory.allocate(groups * blocks * BLOCK_BYTES), groups, blocks);
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < ROWS; i++) {
                for (int b = 0; b < blocks; b++) {
                    long s = (g * ROWS + i) * rowBytes + (long) b * Q8_0.BYTES;
                    long o = q.block(g, b);
                    q.data.set(Le.FLOAT, o + 4L * i, Le.half(src, s));
                    for (int l = 0; l < 8; l++) {
                        int v = src.get(Le.INT, s + 2 + 4 * l);
                        long lane = o + (l + 1) * SLICE + 2L * i;
                        q.data.set(Le.SHORT, lane, (short) (v & 0xFF | v >>> 8 & 0xFF00));
                        q.data.set(Le.SHORT, lane + HALF, (short) (v >>> 8 & 0xFF | v >>> 16 & 0xFF00));
                    }
                }
            }
        }
        return q;
    }

    private long block(int g, int b) {
        return (g * (long) blocks + b) * BLOCK_BYTES;
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
        a.buildQ8Pairs();
    }

    @Override
    public void apply(int from, int to, Activations a, float[] out, int outOffset, int rows) {
        a.require(Activations.Q8_PAIRS);
        for (int g = from; g < to; g++) {
            for (int t = 0; t < a.tokens(); t++) group(g, t, a, out, outOffset + t * rows + g * ROWS);
        }
    }

    /**
     * Group g against token t into {@code out[o .. o+ROWS)}. The eight lanes are written out, without helper
     * methods: a vector passed to or returned from a method C2 does not inline is boxed, and C2 stops inlining
     * methods that are not the Vector API's own once a compile has grown past a few lanes' worth of nodes.
     * {@link Activations#q8Pairs} holds, per block and lane l, the activations of the even elements (4l, 4l+2) and
     * then of the odd ones (4l+1, 4l+3) as the two 16-bit halves of an int, so one broadcast serves both halves.
     */
    private void group(int g, int t, Activations a, float[] out, int o) {
        int[] pa = a.q8Pairs;
        float[] as = a.scales;
        FloatVector l0 = FloatVector.zero(F), l1 = l0, l2 = l0, l3 = l0, l4 = l0, l5 = l0, l6 = l0, l7 = l0;
        long p0 = block(g, 0);
        int e0 = t * blocks * 16;
        int sc = t * blocks;
        for (int b = 0; b < blocks; b++) {
            long p = p0 + b * BLOCK_BYTES;
            int e = e0 + 16 * b;
            FloatVector d = FloatVector.fromMemorySegment(F, data, p, Le.ORDER).mul(as[sc + b]);
            IntVector x;
            x = ((ShortVector) ByteVector.fromMemorySegment(B, data, p + SLICE, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e]).reinterpretAsShorts())
                    .add(((ShortVector) ByteVector.fromMemorySegment(B, data, p + SLICE + HALF, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e + 1]).reinterpretAsShorts()))
                    .reinterpretAsInts();
            l0 = ((FloatVector) x.lanewise(LSHL, 16).lanewise(ASHR, 16).add(x.lanewise(ASHR, 16)).convert(I2F, 0)).fma(d, l0);
            x = ((ShortVector) ByteVector.fromMemorySegment(B, data, p + 2 * SLICE, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e + 2]).reinterpretAsShorts())
                    .add(((ShortVector) ByteVector.fromMemorySegment(B, data, p + 2 * SLICE + HALF, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e + 3]).reinterpretAsShorts()))
                    .reinterpretAsInts();
            l1 = ((FloatVector) x.lanewise(LSHL, 16).lanewise(ASHR, 16).add(x.lanewise(ASHR, 16)).convert(I2F, 0)).fma(d, l1);
            x = ((ShortVector) ByteVector.fromMemorySegment(B, data, p + 3 * SLICE, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e + 4]).reinterpretAsShorts())
                    .add(((ShortVector) ByteVector.fromMemorySegment(B, data, p + 3 * SLICE + HALF, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e + 5]).reinterpretAsShorts()))
                    .reinterpretAsInts();
            l2 = ((FloatVector) x.lanewise(LSHL, 16).lanewise(ASHR, 16).add(x.lanewise(ASHR, 16)).convert(I2F, 0)).fma(d, l2);
            x = ((ShortVector) ByteVector.fromMemorySegment(B, data, p + 4 * SLICE, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e + 6]).reinterpretAsShorts())
                    .add(((ShortVector) ByteVector.fromMemorySegment(B, data, p + 4 * SLICE + HALF, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e + 7]).reinterpretAsShorts()))
                    .reinterpretAsInts();
            l3 = ((FloatVector) x.lanewise(LSHL, 16).lanewise(ASHR, 16).add(x.lanewise(ASHR, 16)).convert(I2F, 0)).fma(d, l3);
            x = ((ShortVector) ByteVector.fromMemorySegment(B, data, p + 5 * SLICE, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e + 8]).reinterpretAsShorts())
                    .add(((ShortVector) ByteVector.fromMemorySegment(B, data, p + 5 * SLICE + HALF, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e + 9]).reinterpretAsShorts()))
                    .reinterpretAsInts();
            l4 = ((FloatVector) x.lanewise(LSHL, 16).lanewise(ASHR, 16).add(x.lanewise(ASHR, 16)).convert(I2F, 0)).fma(d, l4);
            x = ((ShortVector) ByteVector.fromMemorySegment(B, data, p + 6 * SLICE, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e + 10]).reinterpretAsShorts())
                    .add(((ShortVector) ByteVector.fromMemorySegment(B, data, p + 6 * SLICE + HALF, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e + 11]).reinterpretAsShorts()))
                    .reinterpretAsInts();
            l5 = ((FloatVector) x.lanewise(LSHL, 16).lanewise(ASHR, 16).add(x.lanewise(ASHR, 16)).convert(I2F, 0)).fma(d, l5);
            x = ((ShortVector) ByteVector.fromMemorySegment(B, data, p + 7 * SLICE, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e + 12]).reinterpretAsShorts())
                    .add(((ShortVector) ByteVector.fromMemorySegment(B, data, p + 7 * SLICE + HALF, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e + 13]).reinterpretAsShorts()))
                    .reinterpretAsInts();
            l6 = ((FloatVector) x.lanewise(LSHL, 16).lanewise(ASHR, 16).add(x.lanewise(ASHR, 16)).convert(I2F, 0)).fma(d, l6);
            x = ((ShortVector) ByteVector.fromMemorySegment(B, data, p + 8 * SLICE, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e + 14]).reinterpretAsShorts())
                    .add(((ShortVector) ByteVector.fromMemorySegment(B, data, p + 8 * SLICE + HALF, Le.ORDER).convertShape(B2S, S, 0)).mul(IntVector.broadcast(I, pa[e + 15]).reinterpretAsShorts()))
                    .reinterpretAsInts();
            l7 = ((FloatVector) x.lanewise(LSHL, 16).lanewise(ASHR, 16).add(x.lanewise(ASHR, 16)).convert(I2F, 0)).fma(d, l7);
        }
        l0.add(l4).add(l2.add(l6)).add(l1.add(l5).add(l3.add(l7))).intoArray(out, o);
    }
}
