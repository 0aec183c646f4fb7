package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;

/** F16 weights, dotted (in float) with activations rounded to F16, as ggml converts them before its F16 dot. */
public final class F16Weights implements WeightFormat {
    public static final F16Weights INSTANCE = new F16Weights();

    private F16Weights() {}

    @Override
    public ActivationType activation() {
        return ActivationType.F16;
    }

    @Override
    public void dequantize(MemorySegment src, long off, int count, float[] out, int outOff) {
        for (int i = 0; i < count; i++) out[outOff + i] = Le.half(src, off + 2L * i);
    }

    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int n = a.cols();
        int base = t * n;
        double sum = 0; // ggml's scalar F16/F32 dots accumulate in double
        for (int i = 0; i < n; i++) sum += Le.half(w, off + 2L * i) * a.values[base + i];
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
            FloatVector wv = Simd.halfToFloat(ShortVector.fromMemorySegment(Simd.S, w, off + 2L * i, Le.ORDER));
            acc = wv.fma(FloatVector.fromArray(Simd.F, a.values, base + i), acc);
        }
        float sum = Simd.sum(acc);
        for (; i < n; i++) sum += Le.half(w, off + 2L * i) * a.values[base + i];
        return sum;
    }
}
