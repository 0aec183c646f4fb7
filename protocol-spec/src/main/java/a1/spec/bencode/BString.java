package a1.spec.bencode;

import a1.spec.Utf8;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
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

    public static BString utf8(String text) {
        return new BString(text.getBytes(StandardCharsets.UTF_8));
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

    /** The bytes as UTF-8 text; malformed UTF-8 is refused, never replaced. */
    public String utf8() {
        try {
            return Utf8.strict(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new BencodeException("byte string is not valid UTF-8");
        }
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
