package a1.dht.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** A bencoded byte string. The array is copied in and out, so the value is immutable. */
public record BString(byte[] bytes) implements BValue {

    public BString {
        bytes = bytes.clone();
    }

    public static BString of(String ascii) {
        return new BString(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The bytes as ISO-8859-1 text: one char per byte, so byte order and char order agree. */
    public String latin1() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BString s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "BString[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
