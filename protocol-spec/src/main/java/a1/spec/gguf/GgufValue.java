package a1.spec.gguf;

import java.util.List;
import java.util.Objects;

/**
 * One metadata value with its GGUF type, so that a file re-written from its metadata is byte-identical.
 * Java representation: every integer type is a {@link Long} (UINT64 keeps its bits), FLOAT32 a {@link Float},
 * FLOAT64 a {@link Double}, BOOL a {@link Boolean}, STRING a {@link String}, ARRAY a {@link GgufArray}.
 */
public record GgufValue(GgufValueType type, Object value) {

    public GgufValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Class<?> expected = javaClass(type);
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException(type + " value must be a " + expected.getSimpleName() + ", got " + value.getClass().getSimpleName());
        }
    }

    /** An array value: elements share one type and use the same Java representation as single values. */
    public record GgufArray(GgufValueType elementType, List<Object> items) {
        public GgufArray {
            Objects.requireNonNull(elementType, "elementType");
            items = List.copyOf(items);
            Class<?> expected = javaClass(elementType);
            for (Object item : items) {
                if (!expected.isInstance(item)) {
                    throw new IllegalArgumentException(elementType + " array holds a " + item.getClass().getSimpleName());
                }
            }
        }
    }

    static Class<?> javaClass(GgufValueType type) {
        return switch (type) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> Long.class;
            case FLOAT32 -> Float.class;
            case FLOAT64 -> Double.class;
            case BOOL -> Boolean.class;
            case STRING -> String.class;
            case ARRAY -> GgufArray.class;
        };
    }

    public static GgufValue ofString(String s) {
        return new GgufValue(GgufValueType.STRING, s);
    }

    public static GgufValue ofUInt32(long v) {
        return new GgufValue(GgufValueType.UINT32, v);
    }

    public static GgufValue ofFloat32(float v) {
        return new GgufValue(GgufValueType.FLOAT32, v);
    }

    public static GgufValue ofBool(boolean v) {
        return new GgufValue(GgufValueType.BOOL, v);
    }

    public static GgufValue ofArray(GgufValueType elementType, List<?> items) {
        return new GgufValue(GgufValueType.ARRAY, new GgufArray(elementType, List.copyOf(items)));
    }
}
