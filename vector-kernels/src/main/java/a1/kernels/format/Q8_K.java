package a1.kernels.format;

/**
 * Q8_K, the activation format of the K-quants: blocks of 256 quants with a float scale and the sum of each group
 * of 16 quants. Follows ggml's reference quantizer (x86 uses it too): the scale comes from the element of largest
 * magnitude with its sign, iscale = -127/max, round to nearest even, d = 1/iscale.
 */
public final class Q8_K {
    public static final int BLOCK = 256;

    static void quantizeBlock(float[] x, int xOff, int[] q, float[] scale, int[] bsums, int b) {
        float amax = 0;
        float max = 0;
        for (int j = 0; j < BLOCK; j++) {
            float ax = Math.abs(x[xOff + j]);
            if (ax > amax) {
                amax = ax;
                max = x[xOff + j];
            }
        }
        int qb = b * BLOCK;
        if (amax == 0) {
            scale[b] = 0;
            java.util.Arrays.fill(q, qb, qb + BLOCK, 0);
            java.util.Arrays.fill(bsums, b * 16, b * 16 + 16, 0);
            return;
        }
        float iscale = -127f / max;
        for (int j = 0; j < BLOCK; j++) q[qb + j] = Math.min(127, (int) Math.rint(iscale * x[xOff + j]));
        for (int g = 0; g < 16; g++) {
            int s = 0;
            for (int j = 0; j < 16; j++) s += q[qb + g * 16 + j];
            bsums[b * 16 + g] = s;
        }
        scale[b] = 1 / iscale;
    }

    private Q8_K() {}
}
