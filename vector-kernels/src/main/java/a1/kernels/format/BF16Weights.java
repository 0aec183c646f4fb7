package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** BF16 weights, dotted (in float) with activations rounded to BF16; the products are exact in float. */
public final class BF16Weights implements WeightFormat {
    public static final BF16Weights INSTANCE = new BF16Weights();

    private static final int LANES = a1.kernels.GgmlLanes.LANES;
    private static final boolean SIMD = Simd.ENABLED && Simd.F.length() == LANES;
    private static final VectorSpecies<Float> F = Simd.F;
    private static final VectorSpecies<Integer> I = Simd.I;

    private BF16Weights() {}

    @Override
    public ActivationType activation() {
        return ActivationType.BF16;
    }

    @Override
    public void dequantize(MemorySegment src, long off, int count, float[] out, int outOff) {
        for (int i = 0; i < count; i++) out[outOff + i] = bf16(src, off + 2L * i);
    }

    /**
     * ggml_vec_dot_bf16 with AVX512_BF16: two accumulators of 16 lanes (_mm512_dpbf16_ps over alternate chunks of
     * 32), lane j adding the product of pair element 2j+1 and then of 2j (each product is exact in float, so each
     * step is one rounded add); the two lane trees and the leftovers summed in double.
     */
    @Override
    public float dotScalar(MemorySegment w, long off, Activations a, int t) {
        int n = a.cols();
        int base = t * n;
        float[] acc1 = new float[LANES], acc2 = new float[LANES];
        int i = 0;
        for (; i + 4 * LANES <= n; i += 4 * LANES) {
            pairs(w, off, a.values, base, i, acc1);
            pairs(w, off, a.values, base, i + 2 * LANES, acc2);
        }
        double sum = a1.kernels.GgmlLanes.reduce(acc1);
        sum += a1.kernels.GgmlLanes.reduce(acc2);
        for (; i < n; i++) sum += bf16(w, off + 2L * i) * a.values[base + i];
        return (float) sum;
    }

    /** The same order with 16 int lanes, each a pair of weights or activations (needs 512-bit vectors). */
    @Override
    public float dot(MemorySegment w, long off, Activations a, int t) {
        if (!SIMD) return dotScalar(w, off, a, t);
        int n = a.cols();
        int p = t * a.pairStride();
        FloatVector acc1 = FloatVector.zero(F), acc2 = acc1;
        int i = 0;
        for (; i + 4 * LANES <= n; i += 4 * LANES) {
            acc1 = pairs(w, off, i, a.pairs, p + i / 2, acc1);
            acc2 = pairs(w, off, i + 2 * LANES, a.pairs, p + i / 2 + LANES, acc2);
        }
        double sum = tree(acc1);
        sum += tree(acc2);
        for (; i < n; i++) sum += bf16(w, off + 2L * i) * a.values[t * n + i];
        return (float) sum;
    }

    /** One _mm512_dpbf16_ps: lane j adds the product of elements 2j+1, then of 2j (products are exact). */
    private static FloatVector pairs(MemorySegment w, long off, int i, int[] xp, int xi, FloatVector acc) {
        IntVector wv = IntVector.fromMemorySegment(I, w, off + 2L * i, Le.ORDER);
        IntVector xv = IntVector.fromArray(I, xp, xi);
        FloatVector wOdd = wv.and(0xFFFF0000).reinterpretAsFloats(), xOdd = xv.and(0xFFFF0000).reinterpretAsFloats();
        FloatVector wEven = wv.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
        FloatVector xEven = xv.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
        return acc.add(wOdd.mul(xOdd)).add(wEven.mul(xEven));
    }

    private static float tree(FloatVector v) {
        float[] lanes = new float[LANES];
        v.intoArray(lanes, 0);
        return a1.kernels.GgmlLanes.reduce(lanes);
    }

    /** tinyBLAS takes BF16 batches (32 columns a step with AVX512_BF16) when rows % 4 == 0 and cols % 32 == 0. */
    @Override
    public boolean altKernel(int rows, int cols, int tokens) {
        return tokens >= 2 && rows % 4 == 0 && cols % (2 * LANES) == 0;
    }

    /** tinyBLAS's order: one accumulator of 16 pair lanes over the whole row, then the lane tree. */
    @Override
    public float dotAlt(MemorySegment w, long off, Activations a, int t) {
        int n = a.cols();
        if (SIMD) {
            FloatVector acc = FloatVector.zero(F);
            for (int i = 0; i < n; i += 2 * LANES) acc = pairs(w, off, i, a.pairs, t * a.pairStride() + i / 2, acc);
            return tree(acc);
        }
        float[] acc = new float[LANES];
        for (int i = 0; i < n; i += 2 * LANES) pairs(w, off, a.values, t * n, i, acc);
        return a1.kernels.GgmlLanes.reduce(acc);
    }

    @Override
    public BatchKernel batch(int rows, int cols, int tokens) {
        return SIMD && altKernel(rows, cols, tokens) ? BF16Tiles.INSTANCE : null;
    }

    /** One _mm512_dpbf16_ps on elements i .. i+32. */
    private static void pairs(MemorySegment w, long off, float[] x, int base, int i, float[] acc) {
        for (int j = 0; j < LANES; j++) {
            int e = i + 2 * j;
            float sum = acc[j] + bf16(w, off + 2L * (e + 1)) * x[base + e + 1];
            acc[j] = sum + bf16(w, off + 2L * e) * x[base + e];
        }
    }

    private static float bf16(MemorySegment s, long off) {
        return Float.intBitsToFloat((s.get(Le.SHORT, off) & 0xFFFF) << 16);
    }
}
