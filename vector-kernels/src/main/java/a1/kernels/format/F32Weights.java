package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/** F32 weights, dotted with unrounded F32 activations. */
public final class F32Weights implements WeightFormat {
    public static final F32Weights INSTANCE = new F32Weights();

    private F32Weights() {}

    @Override
    public ActivationType activation() {
        return ActivationType.F32;
    }

    @Override
    public void dequantize(MemorySegment src, long off, int count, float[] out, int outOff) {
        MemorySegment.copy(src, Le.FLOAT, off, out, outOff, count);
    }

    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int n = a.cols();
        int base = t * n;
        double sum = 0; // ggml's scalar F16/F32 dots accumulate in double
        for (int i = 0; i < n; i++) sum += w.get(Le.FLOAT, off + 4L * i) * a.values[base + i];
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
            FloatVector wv = FloatVector.fromMemorySegment(Simd.F, w, off + 4L * i, Le.ORDER);
            acc = wv.fma(FloatVector.fromArray(Simd.F, a.values, base + i), acc);
        }
        float sum = Simd.sum(acc);
        for (; i < n; i++) sum += w.get(Le.FLOAT, off + 4L * i) * a.values[base + i];
        return sum;
    }
}
