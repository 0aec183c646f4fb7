package a1.spec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A value that is exactly so many bytes (a hash, a key, an id), written as lower-case hex. Immutable: bytes are
 * copied in and out. Two values are equal when they are of the same class and hold the same bytes.
 */
public abstract class FixedBytes {
    /** Never changed after construction; subclasses read it to compare or XOR without copying. */
    protected final byte[] bytes;

    protected FixedBytes(byte[] bytes, int length, String what) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException(what + " has " + length + " bytes, got " + (bytes == null ? "none" : bytes.length));
        }
        this.bytes = bytes.clone();
    }

    /** Exactly {@code 2 * length} hex digits. */
    protected static byte[] parseHex(String hex, int length, String what) {
        if (hex.length() != 2 * length || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException(what + " is " + 2 * length + " hex digits, got '" + hex + "'");
        }
        return HexFormat.of().parseHex(hex);
    }

    public final byte[] bytes() {
        return bytes.clone();
    }

    public final int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    public final String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((FixedBytes) o).bytes);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
