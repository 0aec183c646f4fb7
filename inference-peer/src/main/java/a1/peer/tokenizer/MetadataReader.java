package a1.peer.tokenizer;

import a1.spec.gguf.GgufMetadata;
import a1.spec.gguf.GgufValue;
import a1.spec.gguf.GgufValueType;

import java.util.List;
import java.util.Optional;

/** Typed, checked reads of tokenizer keys: every wrong type or missing key is a one-line IllegalArgumentException. */
final class MetadataReader {
    private final GgufMetadata md;

    MetadataReader(GgufMetadata md) {
        this.md = md;
    }

    String string(String key) {
        return optionalString(key).orElseThrow(() -> new IllegalArgumentException("GGUF metadata has no key " + key));
    }

    Optional<String> optionalString(String key) {
        return md.get(key).map(v -> {
            if (v.type() != GgufValueType.STRING) throw wrongType(key, v, "a string");
            return (String) v.value();
        });
    }

    Optional<Boolean> optionalBool(String key) {
        return md.get(key).map(v -> {
            if (v.type() != GgufValueType.BOOL) throw wrongType(key, v, "a bool");
            return (Boolean) v.value();
        });
    }

    /** Any integer type, as a long (callers range-check ids). */
    Optional<Long> optionalUnsigned(String key) {
        return md.get(key).map(v -> {
            if (!v.type().isInteger()) throw wrongType(key, v, "an integer");
            return (Long) v.value();
        });
    }

    Optional<String[]> optionalStringArray(String key) {
        return md.get(key).map(v -> {
            List<Object> items = items(key, v, "an array of strings");
            String[] out = new String[items.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(items.get(i) instanceof String s)) throw wrongType(key, v, "an array of strings");
                out[i] = s;
            }
            return out;
        });
    }

    /** FLOAT32 or INT32 arrays, as llama.cpp accepts for scores. */
    Optional<float[]> optionalNumberArray(String key) {
        return md.get(key).map(v -> {
            List<Object> items = items(key, v, "an array of numbers");
            GgufValueType t = ((GgufValue.GgufArray) v.value()).elementType();
            if (t != GgufValueType.FLOAT32 && t != GgufValueType.INT32) throw wrongType(key, v, "an array of FLOAT32 or INT32");
            float[] out = new float[items.size()];
            for (int i = 0; i < out.length; i++) out[i] = ((Number) items.get(i)).floatValue();
            return out;
        });
    }

    Optional<int[]> optionalIntArray(String key) {
        return md.get(key).map(v -> {
            List<Object> items = items(key, v, "an array of INT32");
            if (((GgufValue.GgufArray) v.value()).elementType() != GgufValueType.INT32) throw wrongType(key, v, "an array of INT32");
            int[] out = new int[items.size()];
            for (int i = 0; i < out.length; i++) out[i] = ((Long) items.get(i)).intValue();
            return out;
        });
    }

    private static List<Object> items(String key, GgufValue v, String expected) {
        if (v.type() != GgufValueType.ARRAY) throw wrongType(key, v, expected);
        return ((GgufValue.GgufArray) v.value()).items();
    }

    private static IllegalArgumentException wrongType(String key, GgufValue v, String expected) {
        String actual = v.type() == GgufValueType.ARRAY ? "an array of " + ((GgufValue.GgufArray) v.value()).elementType() : v.type().toString();
        return new IllegalArgumentException("GGUF key " + key + " is " + actual + ", expected " + expected);
    }
}
