package a1.kernels.format;

import java.lang.foreign.MemorySegment;

/** F32 weights, dotted with unrounded F32 activations. */
public final class F32Weights implements WeightFormat {
    public static final F32Weights INSTANCE = new F32Weights();

    private F32Weights() {}

    @Override
    public MemorySegment rowMemory(MemorySegment data) {
        return RegroupedMemory.copyOf(data);
    }

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
        return FloatDots.vecDotScalar(w, off, false, a.values, t * a.cols(), a.cols());
    }

    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        return FloatDots.vecDot(w, off, false, a.values, t * a.cols(), a.cols());
    }

    @Override
    public boolean altKernel(int rows, int cols, int tokens) {
        return tokens >= 2 && FloatDots.gemmApplies(rows, cols);
    }

    @Override
    public float dotAlt(MemorySegment w, long off, Activations a, int t) {
        return FloatDots.gemm(w, off, false, a.values, t * a.cols(), a.cols());
    }

    @Override
    public BatchKernel batch(int rows, int cols, int tokens) {
        return FloatTiles.ofF32(rows, cols, tokens);
    }
}
