package a1.kernels.format;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;

/** Float and F16 vector loops behind {@link a1.kernels.Ops}: a vector loop, then a scalar tail. Bounds are checked by the caller. */
public final class VectorOps {
    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        int i = 0;
        float sum = 0;
        if (Simd.ENABLED) {
            FloatVector acc = FloatVector.zero(Simd.F);
            for (int bound = Simd.F.loopBound(n); i < bound; i += Simd.F.length()) {
                acc = FloatVector.fromArray(Simd.F, a, aOff + i).fma(FloatVector.fromArray(Simd.F, b, bOff + i), acc);
            }
            sum = Simd.sum(acc);
        }
        for (; i < n; i++) sum += a[aOff + i] * b[bOff + i];
        return sum;
    }

    public static float dotF16(short[] a, int aOff, short[] b, int bOff, int n) {
        int i = 0;
        float sum = 0;
        if (Simd.ENABLED) {
            FloatVector acc = FloatVector.zero(Simd.F);
            for (int bound = Simd.F.loopBound(n); i < bound; i += Simd.F.length()) {
                FloatVector x = Simd.halfToFloat(ShortVector.fromArray(Simd.S, a, aOff + i));
                acc = x.fma(Simd.halfToFloat(ShortVector.fromArray(Simd.S, b, bOff + i)), acc);
            }
            sum = Simd.sum(acc);
        }
        for (; i < n; i++) sum += Float.float16ToFloat(a[aOff + i]) * Float.float16ToFloat(b[bOff + i]);
        return sum;
    }

    public static void add(float[] acc, int aOff, float[] x, int xOff, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            for (int bound = Simd.F.loopBound(n); i < bound; i += Simd.F.length()) {
                FloatVector.fromArray(Simd.F, acc, aOff + i).add(FloatVector.fromArray(Simd.F, x, xOff + i)).intoArray(acc, aOff + i);
            }
        }
        for (; i < n; i++) acc[aOff + i] += x[xOff + i];
    }

    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            FloatVector va = FloatVector.broadcast(Simd.F, alpha);
            for (int bound = Simd.F.loopBound(n); i < bound; i += Simd.F.length()) {
                FloatVector.fromArray(Simd.F, x, xOff + i).fma(va, FloatVector.fromArray(Simd.F, y, yOff + i)).intoArray(y, yOff + i);
            }
        }
        for (; i < n; i++) y[yOff + i] = Math.fma(x[xOff + i], alpha, y[yOff + i]);
    }

    public static void axpyF16(float alpha, short[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            FloatVector va = FloatVector.broadcast(Simd.F, alpha);
            for (int bound = Simd.F.loopBound(n); i < bound; i += Simd.F.length()) {
                Simd.halfToFloat(ShortVector.fromArray(Simd.S, x, xOff + i)).fma(va, FloatVector.fromArray(Simd.F, y, yOff + i)).intoArray(y, yOff + i);
            }
        }
        for (; i < n; i++) y[yOff + i] = Math.fma(Float.float16ToFloat(x[xOff + i]), alpha, y[yOff + i]);
    }

    private VectorOps() {}
}
