package a1.kernels.format;

/**
 * Q8_K, the activation format of the K-quants: blocks of 256 quants with a float scale and the sum of each group
 * of 32 quants (ggml keeps sums of 16; the K-quant kernels here only need them per 32-weight sub-block). Follows ggml's reference quantizer (x86 uses it too): the scale comes from the element of largest
 * magnitude with its sign, iscale = -127/max, round to nearest even, d = 1/iscale.
 */
public final class Q8_K {
    public static final int BLOCK = 256;
    static final int GROUP = 32;

    static void quantizeBlock(float[] x, int xOff, int[] q, float[] scale, int[] groupSums, int b) {
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
            java.util.Arrays.fill(groupSums, b * 8, b * 8 + 8, 0);
            return;
        }
        float iscale = -127f / max;
        for (int j = 0; j < BLOCK; j++) q[qb + j] = Math.min(127, (int) Math.rint(iscale * x[xOff + j]));
        for (int g = 0; g < BLOCK / GROUP; g++) {
            int s = 0;
            for (int j = 0; j < GROUP; j++) s += q[qb + g * GROUP + j];
            groupSums[b * (BLOCK / GROUP) + g] = s;
        }
        scale[b] = 1 / iscale;
    }

    private Q8_K() {}
}
