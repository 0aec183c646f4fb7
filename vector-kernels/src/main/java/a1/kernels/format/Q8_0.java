package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

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

    @Override
    public void dequantize(MemorySegment src, long off, int count, float[] out, int outOff) {
        for (int b = 0; b < count / BLOCK; b++) {
            long p = off + (long) b * BYTES;
            float d = Le.half(src, p);
            for (int j = 0; j < BLOCK; j++) out[outOff + b * BLOCK + j] = d * Le.s8(src, p + 2 + j);
        }
    }

    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int nb = a.cols() / BLOCK;
        int base = t * a.cols();
        float sum = 0;
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            int sumi = 0;
            for (int j = 0; j < BLOCK; j++) sumi += Le.s8(w, p + 2 + j) * a.quants[base + b * BLOCK + j];
            sum += sumi * (Le.half(w, p) * a.scales[t * nb + b]);
        }
        return sum;
    }

    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        if (!Simd.ENABLED) return dotScalar(w, off, a, t);
        int nb = a.cols() / BLOCK;
        int[] qa = a.quants;
        int base = t * a.cols();
        FloatVector acc = FloatVector.zero(Simd.F);
        for (int b = 0; b < nb; b++) {
            long p = off + (long) b * BYTES;
            IntVector s = IntVector.zero(Simd.I);
            for (int c = 0; c < BLOCK; c += Simd.QLEN) {
                ByteVector q = ByteVector.fromMemorySegment(Simd.QB, w, p + 2 + c, Le.ORDER);
                for (int part = 0; part < Simd.PARTS; part++) {
                    IntVector qi = (IntVector) q.convertShape(VectorOperators.B2I, Simd.I, part);
                    s = s.add(qi.mul(IntVector.fromArray(Simd.I, qa, base + b * BLOCK + c + part * Simd.I.length())));
                }
            }
            float d = Le.half(w, p) * a.scales[t * nb + b];
            acc = ((FloatVector) s.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(Simd.F, d), acc);
        }
        return Simd.sum(acc);
    }
}
