package a1.spec.gguf;

import java.util.Optional;

/** Metadata value types as numbered in GGUF v3. */
public enum GgufValueType {
    UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4), FLOAT32(6, 4), BOOL(7, 1),
    STRING(8, -1), ARRAY(9, -1), UINT64(10, 8), INT64(11, 8), FLOAT64(12, 8);

    private static final GgufValueType[] BY_ID = values();

    private final int id;
    private final int fixedSize;

    GgufValueType(int id, int fixedSize) {
        this.id = id;
        this.fixedSize = fixedSize;
    }

    public int id() {
        return id;
    }

    /** Encoded size in bytes, or -1 for the variable-length STRING and ARRAY. */
    public int fixedSize() {
        return fixedSize;
    }

    public boolean isInteger() {
        return this != FLOAT32 && this != FLOAT64 && fixedSize > 0 && this != BOOL;
    }

    public static Optional<GgufValueType> fromId(int id) {
        return id >= 0 && id < BY_ID.length ? Optional.of(BY_ID[id]) : Optional.empty();
    }
}
