package a1.kernels;

/** IEEE half precision as 16-bit patterns, rounded to nearest even like x86 F16C (and ggml's CPU conversions). */
public final class F16 {
    public static float toFloat(short bits) {
        return Float.float16ToFloat(bits);
    }

    public static short fromFloat(float f) {
        return Float.floatToFloat16(f);
    }

    /** {@code f} rounded to the nearest half-precision value, as ggml does when it stores activations in F16. */
    public static float round(float f) {
        return Float.float16ToFloat(Float.floatToFloat16(f));
    }

    private F16() {}
}
