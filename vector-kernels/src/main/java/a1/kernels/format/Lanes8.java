package a1.kernels.format;

/** ggml's 8-lane (AVX2-style) float reductions, in the order GCC emits them. */
final class Lanes8 {
    /** hsum_float_8 / tinyBLAS hsum(__m256): upper half onto lower, then lanes 2 apart, then 1 apart. */
    static float hsum(float a0, float a1, float a2, float a3, float a4, float a5, float a6, float a7) {
        float s0 = a0 + a4, s1 = a1 + a5, s2 = a2 + a6, s3 = a3 + a7;
        return (s0 + s2) + (s1 + s3);
    }

    private Lanes8() {}
}
