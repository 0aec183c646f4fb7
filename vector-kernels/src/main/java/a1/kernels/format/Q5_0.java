package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/**
 * Q5_0: 32 weights per 22-byte block: F16 scale, 32 high bits (bit j = element j), 16 bytes of low nibbles;
 * value = d * ((nibble | high << 4) - 16). Dotted with Q8_0 activations.
 */
public final class Q5_0 implements WeightFormat {
    public static final Q5_0 INSTANCE = new Q5_0();
    static final int BLOCK = 32;
    static final int BYTES = 22;
    /** Spreads byte k of the high-bit word over 8 lanes so each lane can test its own bit. */
    private static final VectorShuffle<Byte> LOW_BYTES = VectorShuffle.fromOp(Simd.B16, i -> i / 8);
    private static final VectorShuffle<Byte> HIGH_BYTES = VectorShuffle.fromOp(Simd.B16, i -> 2 + i / 8);
    private static final ByteVector BIT = ByteVector.fromArray(Simd.B16,
            new byte[] {1, 2, 4, 8, 16, 32, 64, (byte) 128, 1, 2, 4, 8, 16, 32, 64, (byte) 128}, 0);

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

    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        float sum = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            int qh = w.get(Le.INT, p + 2);
            int sumi = 0;
            for (int j = 0; j < BLOCK; j++) sumi += quant(Le.u8(w, p + 6 + (j & 15)), qh, j) * a.quants[base + b * BLOCK + j];
            sum += sumi * (Le.half(w, p) * a.scales[t * nb + b]);
        }
        return sum;
    }

    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        if (!Simd.ENABLED) return dotScalar(w, off, a, t);
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        FloatVector acc = FloatVector.zero(Simd.F);
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            float d = Le.half(w, p) * a.scales[t * nb + b];
            // Bytes p+2.. start with the four high-bit bytes; the nibbles follow at p+6.
            ByteVector head = ByteVector.fromMemorySegment(Simd.B16, w, p + 2, Le.ORDER);
            ByteVector raw = ByteVector.fromMemorySegment(Simd.B16, w, p + 6, Le.ORDER);
            ByteVector lo = raw.and((byte) 0x0F).or(highBits(head, LOW_BYTES)).sub((byte) 16);
            ByteVector hi = raw.lanewise(VectorOperators.LSHR, 4).or(highBits(head, HIGH_BYTES)).sub((byte) 16);
            IntVector s = Simd.mulAdd16(lo, a.quants, base + b * BLOCK, IntVector.zero(Simd.I));
            s = Simd.mulAdd16(hi, a.quants, base + b * BLOCK + 16, s);
            acc = ((FloatVector) s.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(Simd.F, d), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /** 16 for each lane whose bit is set in the two high-bit bytes the shuffle selects, else 0. */
    private static ByteVector highBits(ByteVector head, VectorShuffle<Byte> bytes) {
        VectorMask<Byte> set = head.rearrange(bytes).and(BIT).compare(VectorOperators.NE, 0);
        return ByteVector.zero(Simd.B16).blend((byte) 16, set);
    }
}
