package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;

/** BF16 weights, dotted (in float) with activations rounded to BF16; the products are exact in float. */
public final class BF16Weights implements WeightFormat {
    public static final BF16Weights INSTANCE = new BF16Weights();

    private BF16Weights() {}

    @Override
    public ActivationType activation() {
        return ActivationType.BF16;
    }

    @Override
    public void dequantize(MemorySegment src, long off, int count, float[] out, int outOff) {
        for (int i = 0; i < count; i++) out[outOff + i] = bf16(src, off + 2L * i);
    }

    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int n = a.cols();
        int base = t * n;
        double sum = 0; // ggml's scalar F16/F32 dots accumulate in double
        for (int i = 0; i < n; i++) sum += bf16(w, off + 2L * i) * a.values[base + i];
        return (float) sum;
    }

    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        if (!Simd.ENABLED) return dotScalar(w, off, a, t);
        int n = a.cols();
        int base = t * n;
        int step = Simd.F.length();
        int bound = Simd.F.loopBound(n);
        FloatVector acc = FloatVector.zero(Simd.F);
        int i = 0;
        for (; i < bound; i += step) {
            FloatVector wv = Simd.bf16ToFloat(ShortVector.fromMemorySegment(Simd.S, w, off + 2L * i, Le.ORDER));
            acc = wv.fma(FloatVector.fromArray(Simd.F, a.values, base + i), acc);
        }
        float sum = Simd.sum(acc);
        for (; i < n; i++) sum += bf16(w, off + 2L * i) * a.values[base + i];
        return sum;
    }

    @Override
    public void dot4(MemorySegment w, long off, Activations a, int t, float[] out, int outOff, int stride) {
        if (!Simd.ENABLED) {
            WeightFormat.super.dot4(w, off, a, t, out, outOff, stride);
            return;
        }
        int n = a.cols();
        float[] x = a.values;
        int base = t * n;
        int bound = Simd.F.loopBound(n);
        FloatVector acc0 = FloatVector.zero(Simd.F), acc1 = acc0, acc2 = acc0, acc3 = acc0;
        int i = 0;
        for (; i < bound; i += Simd.F.length()) {
            FloatVector wv = Simd.bf16ToFloat(ShortVector.fromMemorySegment(Simd.S, w, off + 2L * i, Le.ORDER));
            acc0 = wv.fma(FloatVector.fromArray(Simd.F, x, base + i), acc0);
            acc1 = wv.fma(FloatVector.fromArray(Simd.F, x, base + n + i), acc1);
            acc2 = wv.fma(FloatVector.fromArray(Simd.F, x, base + 2 * n + i), acc2);
            acc3 = wv.fma(FloatVector.fromArray(Simd.F, x, base + 3 * n + i), acc3);
        }
        float sum0 = Simd.sum(acc0), sum1 = Simd.sum(acc1), sum2 = Simd.sum(acc2), sum3 = Simd.sum(acc3);
        for (; i < n; i++) {
            float wi = bf16(w, off + 2L * i);
            sum0 += wi * x[base + i];
            sum1 += wi * x[base + n + i];
            sum2 += wi * x[base + 2 * n + i];
            sum3 += wi * x[base + 3 * n + i];
        }
        out[outOff] = sum0;
        out[outOff + stride] = sum1;
        out[outOff + 2 * stride] = sum2;
        out[outOff + 3 * stride] = sum3;
    }

    private static float bf16(MemorySegment s, long off) {
        return Float.intBitsToFloat((s.get(Le.SHORT, off) & 0xFFFF) << 16);
    }
}
