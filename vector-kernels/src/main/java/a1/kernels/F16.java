package a1.kernels;

/** IEEE half precision, rounded to nearest even like x86 F16C (and ggml's CPU conversions). */
public final class F16 {
    /** {@code f} rounded to the nearest half-precision value, as ggml does when it stores activations in F16. */
    public static float round(float f) {
        return Float.float16ToFloat(Float.floatToFloat16(f));
    }

    private F16() {}
}
