package a1.kernels.format;

import java.lang.foreign.MemorySegment;

/** F16 weights, dotted (in float) with activations rounded to F16, as ggml converts them before its F16 dot. */
public final class F16Weights implements WeightFormat {
    public static final F16Weights INSTANCE = new F16Weights();

    private F16Weights() {}

    @Override
    public MemorySegment rowMemory(MemorySegment data) {
        return RegroupedMemory.copyOf(data);
    }

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
        return FloatDots.vecDotScalar(w, off, true, a.values, t * a.cols(), a.cols());
    }

    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        return FloatDots.vecDot(w, off, true, a.values, t * a.cols(), a.cols());
    }

    @Override
    public boolean altKernel(int rows, int cols, int tokens) {
        return tokens >= 2 && FloatDots.gemmApplies(rows, cols);
    }

    /**
     * Every batch runs on {@link FiniteF16Rows} where the matrix allows, in either order. A matrix with an infinite
     * or NaN weight (whose products are then infinite or NaN anyway) runs on the row kernels.
     */
    @Override
    public boolean regrouped(int rows, int cols, int tokens) {
        return true;
    }

    @Override
    public RowGroups regroup(MemorySegment data, int rows, int cols) {
        return FiniteF16Rows.of(data, rows, cols);
    }

    @Override
    public float dotAlt(MemorySegment w, long off, Activations a, int t) {
        return FloatDots.gemm(w, off, true, a.values, t * a.cols(), a.cols());
    }
}
