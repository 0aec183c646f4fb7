package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q8_0: blocks of 32 signed bytes with one F16 scale (34 bytes). Also the activation format of Q8_0/Q4_0/Q5_0
 * weights (and, with the block sum, Q8_1): ggml's x86 quantizer scales by 127/amax and rounds to nearest even.
 */
public final class Q8_0 implements WeightFormat {
    public static final Q8_0 INSTANCE = new Q8_0();
    public static final int BLOCK = 32;
    static final int BYTES = 34;

    private Q8_0() {}

    @Override
    public ActivationType activation() {
        return ActivationType.Q8_0;
    }

    /**
     * Quantizes x[xOff .. xOff+32) into q[32*b ..] and scale[b] (the F16-rounded d). With {@code sums} non-null
     * also stores Q8_1's s = F16(d * sum of quants), where d is the unrounded float scale as in ggml.
     */
    static void quantizeBlock(float[] x, int xOff, int[] q, float[] scale, int b, float[] sums) {
        float amax = 0;
        for (int j = 0; j < BLOCK; j++) amax = Math.max(amax, Math.abs(x[xOff + j]));
        float d = amax / 127f;
        float id = amax != 0 ? 127f / amax : 0f;
        int sum = 0;
        for (int j = 0; j < BLOCK; j++) {
            int v = (int) Math.rint(x[xOff + j] * id);
            q[b * BLOCK + j] = v;
            sum += v;
        }
        scale[b] = Float.float16ToFloat(Float.floatToFloat16(d));
        if (sums != null) sums[b] = Float.float16ToFloat(Float.floatToFloat16(d * sum));
    }

    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    /** 1.5 * 2^23: v + ROUNDER - ROUNDER is v rounded half to even, as Math.rint, for |v| < 2^22. */
    private static final float ROUNDER = 0x1.8p23f;

    /**
     * {@link #quantizeBlock} (without sums) of {@code blocks} blocks from {@code x[xOff ..]}, eight lanes at a time
     * where vectors have 256 bits or more: the same quants and scales, since the block maximum is exact in any order
     * and the quants are at most 127 in magnitude, where {@link #ROUNDER} rounds exactly as rint. The scalar loop
     * took a fifth of a 256-row Q8_0 batch product; quantizing 64 tokens of 4096 went from 0.69 to 0.38 ms.
     */
    static void quantizeBlocks(float[] x, int xOff, int blocks, int[] q, float[] scale) {
        if (Simd.BITS < 256) {
            for (int b = 0; b < blocks; b++) quantizeBlock(x, xOff + b * BLOCK, q, scale, b, null);
            return;
        }
        for (int b = 0; b < blocks; b++) {
            int o = xOff + b * BLOCK;
            FloatVector v0 = FloatVector.fromArray(F8, x, o), v1 = FloatVector.fromArray(F8, x, o + 8);
            FloatVector v2 = FloatVector.fromArray(F8, x, o + 16), v3 = FloatVector.fromArray(F8, x, o + 24);
            float amax = v0.abs().max(v1.abs()).max(v2.abs().max(v3.abs())).reduceLanes(VectorOperators.MAX);
            float d = amax / 127f;
            float id = amax != 0 ? 127f / amax : 0f;
            v0.mul(id).add(ROUNDER).sub(ROUNDER).convert(VectorOperators.F2I, 0).reinterpretAsInts().intoArray(q, b * BLOCK);
            v1.mul(id).add(ROUNDER).sub(ROUNDER).convert(VectorOperators.F2I, 0).reinterpretAsInts().intoArray(q, b * BLOCK + 8);
            v2.mul(id).add(ROUNDER).sub(ROUNDER).convert(VectorOperators.F2I, 0).reinterpretAsInts().intoArray(q, b * BLOCK + 16);
            v3.mul(id).add(ROUNDER).sub(ROUNDER).convert(VectorOperators.F2I, 0).reinterpretAsInts().intoArray(q, b * BLOCK + 24);
            scale[b] = Float.float16ToFloat(Float.floatToFloat16(d));
        }
    }

    @Override
    public void dequantize(MemorySegment src, long off, int count, float[] out, int outOff) {
        for (int b = 0; b < count / BLOCK; b++) {
            long p = off + (long) b * BYTES;
            float d = Le.half(src, p);
            for (int j = 0; j < BLOCK; j++) out[outOff + b * BLOCK + j] = d * Le.s8(src, p + 2 + j);
        }
    }

    /**
     * ggml's AVX2/VNNI order, the same for one token (vec_dot_q8_0_q8_0) and for batches (tinyBLAS_Q0_AVX): eight
     * float lanes, lane l adding the integer sum of elements 4l..4l+3 of each block times the block's scale
     * product with a fused multiply-add, then the 8-lane tree of hsum_float_8. The integer sums are exact, so only
     * the float lanes need ggml's order.
     */
    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        int[] qa = a.quants;
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES + 2;
            int q = base + b * BLOCK;
            float d = Le.half(w, p - 2) * a.scales[t * nb + b];
            a0 = Math.fma(d, group(w, p, qa, q), a0);
            a1 = Math.fma(d, group(w, p + 4, qa, q + 4), a1);
            a2 = Math.fma(d, group(w, p + 8, qa, q + 8), a2);
            a3 = Math.fma(d, group(w, p + 12, qa, q + 12), a3);
            a4 = Math.fma(d, group(w, p + 16, qa, q + 16), a4);
            a5 = Math.fma(d, group(w, p + 20, qa, q + 20), a5);
            a6 = Math.fma(d, group(w, p + 24, qa, q + 24), a6);
            a7 = Math.fma(d, group(w, p + 28, qa, q + 28), a7);
        }
        return Lanes8.hsum(a0, a1, a2, a3, a4, a5, a6, a7);
    }

    private static float group(MemorySegment w, long p, int[] qa, int q) {
        return Le.s8(w, p) * qa[q] + Le.s8(w, p + 1) * qa[q + 1] + Le.s8(w, p + 2) * qa[q + 2] + Le.s8(w, p + 3) * qa[q + 3];
    }

    /**
     * The same order with 256-bit vectors, as ggml has it: each int lane holds four bytes of weights and four of
     * activations, multiplied byte by byte and summed into the lane (what VNNI's dpbusd does).
     */
    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        if (Simd.BITS < 256) return dotScalar(w, off, a, t);
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        FloatVector acc = FloatVector.zero(FloatVector.SPECIES_256);
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            IntVector wq = ByteVector.fromMemorySegment(ByteVector.SPECIES_256, w, p + 2, Le.ORDER).reinterpretAsInts();
            IntVector aq = ByteVector.fromArray(ByteVector.SPECIES_256, a.bytes, base + b * BLOCK).reinterpretAsInts();
            IntVector s = Q8Lanes.signedByte(wq, 0).mul(Q8Lanes.signedByte(aq, 0)).add(Q8Lanes.signedByte(wq, 1).mul(Q8Lanes.signedByte(aq, 1)))
                    .add(Q8Lanes.signedByte(wq, 2).mul(Q8Lanes.signedByte(aq, 2))).add(Q8Lanes.signedByte(wq, 3).mul(Q8Lanes.signedByte(aq, 3)));
            float d = Le.half(w, p) * a.scales[t * nb + b];
            acc = ((FloatVector) s.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(FloatVector.SPECIES_256, d), acc);
        }
        return Q8Lanes.hsum(acc);
    }

    /**
     * ggml computes every shape and batch with {@link #dot}'s order; the "other kernel" here is A1's own regrouped
     * copy ({@link Q8_0Groups}) in that same order, so {@link #dotAlt} is {@link #dot} and this only routes whole
     * groups of rows of a one-token product through the copy (batches take {@link Q8_0Tiles} from the GGUF rows).
     */
    @Override
    public boolean altKernel(int rows, int cols, int tokens) {
        return tokens == 1 && rows >= Q8_0Groups.ROWS;
    }

    @Override
    public RowGroups regroup(MemorySegment data, int rows, int cols) {
        return Simd.ENABLED ? Q8_0Groups.of(data, rows, cols) : null;
    }

    @Override
    public BatchKernel batch(int rows, int cols, int tokens) {
        return Q8_0Tiles.of(tokens);
    }
}
