package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_1: 32 weights per 20-byte block, F16 scale d and F16 minimum m, then 16 bytes of nibbles; value = d*q + m.
 * Dotted with Q8_1 activations, whose precomputed s = d_a * sum(q_a) turns the minimum into one multiply.
 */
public final class Q4_1 implements WeightFormat {
    public static final Q4_1 INSTANCE = new Q4_1();
    static final int BLOCK = 32;
    static final int BYTES = 20;

    private Q4_1() {}

    @Override
    public ActivationType activation() {
        return ActivationType.Q8_1;
    }

    @Override
    public void dequantize(MemorySegment src, long off, int count, float[] out, int outOff) {
        for (int b = 0; b < count / BLOCK; b++) {
            long p = off + (long) b * BYTES;
            float d = Le.half(src, p);
            float m = Le.half(src, p + 2);
            int o = outOff + b * BLOCK;
            for (int j = 0; j < 16; j++) {
                int v = Le.u8(src, p + 4 + j);
                out[o + j] = (v & 0xF) * d + m;
                out[o + j + 16] = (v >>> 4) * d + m;
            }
        }
    }

    /**
     * vec_dot_q4_1_q8_1's AVX2/VNNI order (one token and batches alike): eight float lanes of 4-element integer
     * groups fused with the block's scale product, the min terms m * s fused into one float, then
     * hsum_float_8 plus that float.
     */
    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        float[] acc = new float[8];
        float mins = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            int q = base + b * BLOCK;
            mins = Math.fma(Le.half(w, p + 2), a.sums[t * nb + b], mins);
            float d = Le.half(w, p) * a.scales[t * nb + b];
            for (int m = 0; m < 4; m++) {
                int lo = 0, hi = 0;
                for (int j = 4 * m; j < 4 * m + 4; j++) {
                    int v = Le.u8(w, p + 4 + j);
                    lo += (v & 0xF) * a.quants[q + j];
                    hi += (v >>> 4) * a.quants[q + j + 16];
                }
                acc[m] = Math.fma(d, (float) lo, acc[m]);
                acc[m + 4] = Math.fma(d, (float) hi, acc[m + 4]);
            }
        }
        return KLanes.hsum(acc) + mins;
    }

    /**
     * The same order with 256-bit vectors: int lane l holds elements 4l..4l+3 (unsigned nibbles, signed
     * activation bytes), their products summed into the lane as dpbusd does. Kept in one method with tiny helpers:
     * C2 boxes vectors passed to a helper it does not inline, and it often declines shared bigger ones.
     */
    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        if (Simd.BITS < 256) return dotScalar(w, off, a, t);
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        FloatVector acc = FloatVector.zero(FloatVector.SPECIES_256);
        float mins = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            mins = Math.fma(Le.half(w, p + 2), a.sums[t * nb + b], mins);
            IntVector packed = (IntVector) ByteVector.fromMemorySegment(ByteVector.SPECIES_128, w, p + 4, Le.ORDER).reinterpretShape(IntVector.SPECIES_256, 0);
            IntVector wq = packed.rearrange(Q8Lanes.LOW_THEN_HIGH).lanewise(VectorOperators.LSHR, Q8Lanes.NIBBLE_SHIFT);
            IntVector aq = ByteVector.fromArray(ByteVector.SPECIES_256, a.bytes, base + b * BLOCK).reinterpretAsInts();
            IntVector s = nibble(wq, 0).mul(Q8Lanes.signedByte(aq, 0)).add(nibble(wq, 1).mul(Q8Lanes.signedByte(aq, 1)))
                    .add(nibble(wq, 2).mul(Q8Lanes.signedByte(aq, 2))).add(nibble(wq, 3).mul(Q8Lanes.signedByte(aq, 3)));
            float d = Le.half(w, p) * a.scales[t * nb + b];
            acc = ((FloatVector) s.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(FloatVector.SPECIES_256, d), acc);
        }
        return Q8Lanes.hsum(acc) + mins;
    }

    /** The low nibble of byte j of each lane. */
    private static IntVector nibble(IntVector v, int j) {
        return v.lanewise(VectorOperators.LSHL, 28 - 8 * j).lanewise(VectorOperators.LSHR, 28);
    }
}
