package a1.kernels.format;

import a1.kernels.GgmlLanes;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dots of F32 or F16 weight rows with (already rounded) float activations, in the summation order of llama.cpp's
 * AVX-512 build, so that A1's float models give llama.cpp's logits to the last bit:
 * <ul>
 * <li>{@link #vecDot}: ggml_vec_dot_f32/_f16 (one token, or a batch tinyBLAS refuses): four 16-lane accumulators
 * over blocks of 64, folded (0+2)+(1+3) and then as the _mm512_reduce_add_ps tree; the rest in double for F16, and
 * for F32 in float as GCC compiled it: products rounded in runs of 16 and then of 8, the last under 8 fused.
 * <li>{@link #gemm}: llamafile's tinyBLAS (batches with rows % 4 == 0 and cols % 16 == 0): one 16-lane chain of
 * fused multiply-adds over the whole row, then the lane tree.
 * </ul>
 * Lanes are independent chains, so only a 16-lane species is used for SIMD; other widths run the scalar reference,
 * which follows the same order.
 */
final class FloatDots {
    static final int LANES = GgmlLanes.LANES;
    static final int STEP = 4 * LANES;
    static final boolean SIMD = Simd.ENABLED && Simd.F.length() == LANES;
    private static final VectorSpecies<Float> F = Simd.F;
    private static final VectorSpecies<Short> S = Simd.S;

    /** Whether tinyBLAS takes a batch against a float matrix of this shape (else ggml loops over vec_dot). */
    static boolean gemmApplies(int rows, int cols) {
        return rows % 4 == 0 && cols % LANES == 0;
    }

    static float vecDot(MemorySegment w, long off, boolean half, float[] x, int xOff, int n) {
        if (!SIMD) return vecDotScalar(w, off, half, x, xOff, n);
        int np = n & ~(STEP - 1);
        // One loop per weight type: merging vectors from two loads in one loop would box them.
        float r = half ? blocksF16(w, off, x, xOff, np) : blocksF32(w, off, x, xOff, np);
        return leftovers(r, w, off, half, x, xOff, np, n);
    }

    private static float blocksF32(MemorySegment w, long off, float[] x, int xOff, int np) {
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
        for (int i = 0; i < np; i += STEP) {
            a0 = FloatVector.fromMemorySegment(F, w, off + 4L * i, Le.ORDER).fma(FloatVector.fromArray(F, x, xOff + i), a0);
            a1 = FloatVector.fromMemorySegment(F, w, off + 4L * (i + LANES), Le.ORDER).fma(FloatVector.fromArray(F, x, xOff + i + LANES), a1);
            a2 = FloatVector.fromMemorySegment(F, w, off + 4L * (i + 2 * LANES), Le.ORDER).fma(FloatVector.fromArray(F, x, xOff + i + 2 * LANES), a2);
            a3 = FloatVector.fromMemorySegment(F, w, off + 4L * (i + 3 * LANES), Le.ORDER).fma(FloatVector.fromArray(F, x, xOff + i + 3 * LANES), a3);
        }
        return tree(a0.add(a2).add(a1.add(a3)));
    }

    /**
     * The four accumulators take turns, so the F16 conversion has one call site: four inlined copies pushed C2
     * past its inlining node budget, the last one was left a call and its vector boxed (F16 decode ran at 0.2x).
     * {@code np} is a multiple of 4 chunks, so each accumulator ends where it started.
     */
    private static float blocksF16(MemorySegment w, long off, float[] x, int xOff, int np) {
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
        for (int i = 0; i < np; i += LANES) {
            FloatVector next = half(w, off, i).fma(FloatVector.fromArray(F, x, xOff + i), a0);
            a0 = a1;
            a1 = a2;
            a2 = a3;
            a3 = next;
        }
        return tree(a0.add(a2).add(a1.add(a3)));
    }

    static float vecDotScalar(MemorySegment w, long off, boolean half, float[] x, int xOff, int n) {
        int np = n & ~(STEP - 1);
        float[] acc = new float[STEP];
        for (int i = 0; i < np; i++) acc[i & (STEP - 1)] = Math.fma(weight(w, off, half, i), x[xOff + i], acc[i & (STEP - 1)]);
        for (int l = 0; l < LANES; l++) {
            acc[l] += acc[2 * LANES + l];
            acc[LANES + l] += acc[3 * LANES + l];
        }
        for (int l = 0; l < LANES; l++) acc[l] += acc[LANES + l];
        return leftovers(GgmlLanes.reduce(acc), w, off, half, x, xOff, np, n);
    }

    static float gemm(MemorySegment w, long off, boolean half, float[] x, int xOff, int n) {
        if (!SIMD) return gemmScalar(w, off, half, x, xOff, n);
        return half ? gemmF16(w, off, x, xOff, n) : gemmF32(w, off, x, xOff, n);
    }

    private static float gemmF32(MemorySegment w, long off, float[] x, int xOff, int n) {
        FloatVector acc = FloatVector.zero(F);
        for (int i = 0; i < n; i += LANES) acc = FloatVector.fromMemorySegment(F, w, off + 4L * i, Le.ORDER).fma(FloatVector.fromArray(F, x, xOff + i), acc);
        return tree(acc);
    }

    private static float gemmF16(MemorySegment w, long off, float[] x, int xOff, int n) {
        FloatVector acc = FloatVector.zero(F);
        for (int i = 0; i < n; i += LANES) acc = half(w, off, i).fma(FloatVector.fromArray(F, x, xOff + i), acc);
        return tree(acc);
    }

    static float gemmScalar(MemorySegment w, long off, boolean half, float[] x, int xOff, int n) {
        float[] acc = new float[LANES];
        for (int i = 0; i < n; i++) acc[i & (LANES - 1)] = Math.fma(weight(w, off, half, i), x[xOff + i], acc[i & (LANES - 1)]);
        return GgmlLanes.reduce(acc);
    }

    /** {@code r}, the SIMD sum of the first {@code np} elements, with the rest added in ggml's way for the weight type. */
    static float leftovers(float r, MemorySegment w, long off, boolean half, float[] x, int xOff, int np, int n) {
        if (half) {
            double sum = r;
            for (int i = np; i < n; i++) sum += weight(w, off, half, i) * x[xOff + i];
            return (float) sum;
        }
        int rest = n - np;
        int rounded = (rest & ~(LANES - 1)) + ((rest & (LANES - 1)) >= 8 ? 8 : 0);
        float sum = r;
        int i = np;
        for (; i < np + rounded; i++) sum += weight(w, off, false, i) * x[xOff + i];
        for (; i < n; i++) sum = Math.fma(weight(w, off, false, i), x[xOff + i], sum);
        return sum;
    }

    private static FloatVector half(MemorySegment w, long off, int i) {
        return Simd.halfToFloat(ShortVector.fromMemorySegment(S, w, off + 2L * i, Le.ORDER));
    }

    private static float weight(MemorySegment w, long off, boolean half, int i) {
        return half ? Le.half(w, off + 2L * i) : w.get(Le.FLOAT, off + 4L * i);
    }

    /** {@link GgmlLanes#reduce} on a vector. */
    static float tree(FloatVector v) {
        float t0 = v.lane(0) + v.lane(8), t1 = v.lane(1) + v.lane(9), t2 = v.lane(2) + v.lane(10), t3 = v.lane(3) + v.lane(11);
        float t4 = v.lane(4) + v.lane(12), t5 = v.lane(5) + v.lane(13), t6 = v.lane(6) + v.lane(14), t7 = v.lane(7) + v.lane(15);
        float s0 = t0 + t4, s1 = t1 + t5, s2 = t2 + t6, s3 = t3 + t7;
        return (s0 + s2) + (s1 + s3);
    }

    private FloatDots() {}
}
