package a1.peer.kv;

/**
 * Precision of cached keys and values. F16 is llama.cpp's default and the one the golden files use: keys, queries
 * (for the dot with keys) and attention weights (for the sum over values) are rounded to F16, as ggml does.
 */
public enum KvType {
    F16, F32;

    public static KvType parse(String s) {
        return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "f16" -> F16;
            case "f32" -> F32;
            default -> throw new IllegalArgumentException("KV cache type must be f16 or f32, not \"" + s + "\"");
        };
    }
}
