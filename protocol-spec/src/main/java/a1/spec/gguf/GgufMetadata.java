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

    public Optional<Boolean> findBool(String key) {
        return contains(key) ? Optional.of((Boolean) require(key, GgufValueType.BOOL).value()) : Optional.empty();
    }

    /** Array items; element type is checked by the caller's casts. */
    public List<Object> getArray(String key) {
        return ((GgufValue.GgufArray) require(key, GgufValueType.ARRAY).value()).items();
    }

    public String[] getStringArray(String key) {
        return getArray(key).stream().map(o -> (String) o).toArray(String[]::new);
    }

    public float[] getFloatArray(String key) {
        List<Object> items = getArray(key);
        float[] out = new float[items.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) items.get(i)).floatValue();
        return out;
    }

    public int[] getIntArray(String key) {
        List<Object> items = getArray(key);
        int[] out = new int[items.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Long) items.get(i)).intValue();
        return out;
    }

    private GgufValue require(String key, GgufValueType type) {
        GgufValue v = values.get(key);
        if (v == null) throw new IllegalArgumentException("GGUF metadata has no key " + key);
        if (v.type() != type) throw new IllegalArgumentException("GGUF key " + key + " is " + v.type() + ", expected " + type);
        return v;
    }
}
