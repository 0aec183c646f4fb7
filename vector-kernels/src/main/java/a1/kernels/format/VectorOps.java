package a1.kernels.format;

import jdk.incubator.vector.FloatVector;

/** Float vector loops behind {@link a1.kernels.Ops}: a vector loop, then a scalar tail. Bounds are checked by the caller. */
public final class VectorOps {
    public static void add(float[] acc, int aOff, float[] x, int xOff, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            for (int bound = Simd.F.loopBound(n); i < bound; i += Simd.F.length()) {
                FloatVector.fromArray(Simd.F, acc, aOff + i).add(FloatVector.fromArray(Simd.F, x, xOff + i)).intoArray(acc, aOff + i);
            }
        }
        for (; i < n; i++) acc[aOff + i] += x[xOff + i];
    }

    private VectorOps() {}
}
