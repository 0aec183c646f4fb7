package a1.spec.wire;

/**
 * How activations travel. F32 is the default and the only exact one: a chain relaying F32 computes exactly what one
 * machine computes. F16 and BF16 halve the bytes and round each value (to nearest, ties to even).
 */
public enum Encoding {
    F32(0, 4), F16(1, 2), BF16(2, 2);

    public final int id;
    public final int bytesPerValue;

    Encoding(int id, int bytesPerValue) {
        this.id = id;
        this.bytesPerValue = bytesPerValue;
    }

    public static Encoding valueOf(int id) {
        for (Encoding e : values()) if (e.id == id) return e;
        throw new WireException("unknown activation encoding " + id);
    }

    /** The value this encoding carries for {@code x}. */
    public float round(float x) {
        return switch (this) {
            case F32 -> x;
            case F16 -> Float.float16ToFloat(Float.floatToFloat16(x));
            case BF16 -> Float.intBitsToFloat(bf16Bits(x) << 16);
        };
    }

    static int bf16Bits(float x) {
        int bits = Float.floatToRawIntBits(x);
        // A NaN stays a NaN: keep its upper bits, and set the quiet bit only if truncation would leave no payload.
        if (Float.isNaN(x)) return (bits >>> 16) | (((bits >>> 16) & 0x7F) == 0 ? 0x40 : 0);
        return (bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16;
    }
}
