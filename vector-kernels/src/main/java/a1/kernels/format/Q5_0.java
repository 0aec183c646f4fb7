package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q5_0: 32 weights per 22-byte block: F16 scale, 32 high bits (bit j = element j), 16 bytes of low nibbles;
 * value = d * ((nibble | high << 4) - 16). Dotted with Q8_0 activations.
 */
public final class Q5_0 implements WeightFormat {
    public static final Q5_0 INSTANCE = new Q5_0();
    static final int BLOCK = 32;
    static final int BYTES = 22;

    private Q5_0() {}

    @Override
    public ActivationType activation() {
        return ActivationType.Q8_0;
    }

    private static int quant(int qs, int qh, int j) {
        int lo = j < 16 ? qs & 0xF : qs >>> 4;
        return (lo | ((qh >>> j) & 1) << 4) - 16;
    }

    @Override
    public void dequantize(MemorySegment src, long off, int count, float[] out, int outOff) {
        for (int b = 0; b < count / BLOCK; b++) {
            long p = off + (long) b * BYTES;
            float d = Le.half(src, p);
            int qh = src.get(Le.INT, p + 2);
            int o = outOff + b * BLOCK;
            for (int j = 0; j < BLOCK; j++) out[o + j] = d * quant(Le.u8(src, p + 6 + (j & 15)), qh, j);
        }
    }

    /**
     * vec_dot_q5_0_q8_0's AVX2/VNNI order (and tinyBLAS's for batches), as {@link Q4_0}'s: eight float lanes of
     * 4-element integer groups fused with the block's scale product, then hsum_float_8.
     */
    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        float[] acc = new float[8];
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            int qh = w.get(Le.INT, p + 2);
            int q = base + b * BLOCK;
            float d = Le.half(w, p) * a.scales[t * nb + b];
            for (int m = 0; m < 8; m++) {
                int sumi = 0;
                for (int j = 4 * m; j < 4 * m + 4; j++) sumi += quant(Le.u8(w, p + 6 + (j & 15)), qh, j) * a.quants[q + j];
                acc[m] = Math.fma(d, (float) sumi, acc[m]);
            }
        }
        return KLanes.hsum(acc);
    }

    /**
     * The same order with 256-bit vectors, laid out as {@link Q4_1#dot}'s. Each byte gets its fifth bit from qh;
     * (q ^ 16) read as a signed 5-bit field is q - 16.
     */
    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        if (Simd.BITS < 256) return dotScalar(w, off, a, t);
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        FloatVector acc = FloatVector.zero(FloatVector.SPECIES_256);
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            IntVector packed = (IntVector) ByteVector.fromMemorySegment(ByteVector.SPECIES_128, w, p + 6, Le.ORDER).reinterpretShape(IntVector.SPECIES_256, 0);
            IntVector nibbles = packed.rearrange(Q8Lanes.LOW_THEN_HIGH).lanewise(VectorOperators.LSHR, Q8Lanes.NIBBLE_SHIFT).and(0x0F0F0F0F);
            // Bit 4l+k of qh to bit 4 of byte k of lane l: multiplying four bits by 1 + 2^7 + 2^14 + 2^21 copies them
            // without carries to positions k + 7i, of which k + 7k = 8k is the one wanted.
            IntVector four = IntVector.broadcast(IntVector.SPECIES_256, w.get(Le.INT, p + 2)).lanewise(VectorOperators.LSHR, LANE_BITS).and(0xF);
            IntVector high = four.mul(0x00204081).and(0x01010101).lanewise(VectorOperators.LSHL, 4);
            IntVector wq = nibbles.or(high).lanewise(VectorOperators.XOR, 0x10101010);
            IntVector aq = ByteVector.fromArray(ByteVector.SPECIES_256, a.bytes, base + b * BLOCK).reinterpretAsInts();
            IntVector s = signed5(wq, 0).mul(Q8Lanes.signedByte(aq, 0)).add(signed5(wq, 1).mul(Q8Lanes.signedByte(aq, 1)))
                    .add(signed5(wq, 2).mul(Q8Lanes.signedByte(aq, 2))).add(signed5(wq, 3).mul(Q8Lanes.signedByte(aq, 3)));
            float d = Le.half(w, p) * a.scales[t * nb + b];
            acc = ((FloatVector) s.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(FloatVector.SPECIES_256, d), acc);
        }
        return Q8Lanes.hsum(acc);
    }

    private static final IntVector LANE_BITS = IntVector.fromArray(IntVector.SPECIES_256, new int[] {0, 4, 8, 12, 16, 20, 24, 28}, 0);

    /** The low five bits of byte j of each lane, sign-extended. */
    private static IntVector signed5(IntVector v, int j) {
        return v.lanewise(VectorOperators.LSHL, 27 - 8 * j).lanewise(VectorOperators.ASHR, 27);
    }
}
