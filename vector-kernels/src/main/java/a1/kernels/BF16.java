package a1.kernels;

/**
 * bfloat16 as 16-bit patterns. Rounding follows ggml's fp32_to_bf16: nearest even on the dropped 16 bits, and a
 * NaN keeps its upper bits with the quiet bit forced so it cannot round into an infinity.
 */
public final class BF16 {
    public static float toFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    public static short fromFloat(float f) {
        int u = Float.floatToRawIntBits(f);
        if ((u & 0x7FFFFFFF) > 0x7F800000) return (short) ((u >>> 16) | 64);
        return (short) ((u + (0x7FFF + ((u >>> 16) & 1))) >>> 16);
    }

    /** {@code f} rounded to the nearest bfloat16 value. */
    public static float round(float f) {
        return toFloat(fromFloat(f));
    }

    private BF16() {}
}
