package a1.spec.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The key/value section of a GGUF file, in file order, with typed accessors that fail with the key's name. */
public final class GgufMetadata {
    private final Map<String, GgufValue> values;

    public GgufMetadata(Map<String, GgufValue> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Map<String, GgufValue> asMap() {
        return values;
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    public Optional<GgufValue> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String getString(String key) {
        return (String) require(key, GgufValueType.STRING).value();
    }

    public Optional<String> findString(String key) {
        return contains(key) ? Optional.of(getString(key)) : Optional.empty();
    }

    public long getLong(String key) {
        GgufValue v = values.get(key);
        if (v == null) throw new IllegalArgumentException("GGUF metadata has no key " + key);
        if (!v.type().isInteger()) throw new IllegalArgumentException("GGUF key " + key + " is " + v.type() + ", not an integer");
        return (Long) v.value();
    }

    public int getInt(String key) {
        long v = getLong(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw new IllegalArgumentException("GGUF key " + key + " = " + v + " does not fit an int");
        return (int) v;
    }

    public Optional<Integer> findInt(String key) {
        return contains(key) ? Optional.of(getInt(key)) : Optional.empty();
    }

    public float getFloat(String key) {
        GgufValue v = values.get(key);
        if (v == null) throw new IllegalArgumentException("GGUF metadata has no key " + key);
        return switch (v.type()) {
            case FLOAT32 -> (Float) v.value();
            case FLOAT64 -> ((Double) v.value()).floatValue();
            default -> throw new IllegalArgumentException("GGUF key " + key + " is " + v.type() + ", not a float");
        };
    }

    public Optional<Float> findFloat(String key) {
        return contains(key) ? Optional.of(getFloat(key)) : Optional.empty();
    }

    /** Array items; element type is checked by the caller's casts. */
    public List<Object> getArray(String key) {
        return ((GgufValue.GgufArray) require(key, GgufValueType.ARRAY).value()).items();
    }

    private GgufValue require(String key, GgufValueType type) {
        GgufValue v = values.get(key);
        if (v == null) throw new IllegalArgumentException("GGUF metadata has no key " + key);
        if (v.type() != type) throw new IllegalArgumentException("GGUF key " + key + " is " + v.type() + ", expected " + type);
        return v;
    }
}
