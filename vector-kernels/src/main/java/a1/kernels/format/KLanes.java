package a1.kernels.format;

/**
 * The float side of ggml's AVX2 K-quant dots (vec_dot_q4_K/q5_K/q6_K_q8_K, used for one token and for batches
 * alike): eight float lanes; lane m takes, per super-block, the exact integer sum over the weights whose position
 * within their 32-weight row of bytes is 4m..4m+3 (madd_epi16 pairs of maddubs pairs), times the super-block's
 * scale product, with a fused multiply-add; hsum_float_8 at the end.
 */
final class KLanes {
    static final int POSITIONS = 32;

    /** acc[m] = fma(d, pos[4m] + .. + pos[4m+3], acc[m]). */
    static void accumulate(float d, int[] pos, float[] acc) {
        for (int m = 0; m < 8; m++) {
            int lane = pos[4 * m] + pos[4 * m + 1] + pos[4 * m + 2] + pos[4 * m + 3];
            acc[m] = Math.fma(d, (float) lane, acc[m]);
        }
    }

    static float hsum(float[] acc) {
        return Lanes8.hsum(acc[0], acc[1], acc[2], acc[3], acc[4], acc[5], acc[6], acc[7]);
    }

    /** Q4_K's mins: four lanes of madd_epi16(mins, 32-weight group sums), each fused into acc, folded (0+2)+(1+3). */
    static void accumulateMins(float dmin, long mins, Activations a, int t, int b, float[] accm) {
        int g = t * (a.cols() / Q8_K.GROUP) + b * 8;
        for (int i = 0; i < 4; i++) {
            int prod = KScales.get(mins, 2 * i) * a.groupSums[g + 2 * i] + KScales.get(mins, 2 * i + 1) * a.groupSums[g + 2 * i + 1];
            accm[i] = Math.fma(dmin, (float) prod, accm[i]);
        }
    }

    static float hsum4(float[] accm) {
        return (accm[0] + accm[2]) + (accm[1] + accm[3]);
    }

    private KLanes() {}
}
