package a1.spec.manifest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical bencode (BEP 3) over a tiny value model: {@code Long}, {@code byte[]}, {@code List<Object>} and
 * {@code Map<String, Object>}. Encoding sorts dictionary keys by their UTF-8 bytes, so equal values always give
 * equal bytes. Decoding is strict: it accepts only the canonical form (sorted unique UTF-8 keys, no leading
 * zeros, no "-0"), checks every length against the bytes left before allocating, limits nesting, and rejects
 * trailing bytes.
 */
public final class Bencode {
    private static final int MAX_DEPTH = 16;
    private static final Comparator<String> KEY_ORDER = (a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b));

    private Bencode() {}

    /** A dictionary that iterates in canonical key order. */
    public static Map<String, Object> dict() {
        return new TreeMap<>(KEY_ORDER);
    }

    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value, 0);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object v, int depth) {
        if (depth > MAX_DEPTH) throw new IllegalArgumentException("bencode value nests deeper than " + MAX_DEPTH);
        switch (v) {
            case Long n -> ascii(out, "i" + n + "e");
            case Integer n -> ascii(out, "i" + n + "e");
            case byte[] b -> {
                ascii(out, b.length + ":");
                out.writeBytes(b);
            }
            case String s -> write(out, utf8(s), depth);
            case List<?> list -> {
                out.write('l');
                for (Object item : list) write(out, item, depth + 1);
                out.write('e');
            }
            case Map<?, ?> map -> {
                List<String> keys = new ArrayList<>();
                for (Object k : map.keySet()) keys.add((String) k);
                keys.sort(KEY_ORDER);
                out.write('d');
                for (String k : keys) {
                    write(out, utf8(k), depth);
                    write(out, map.get(k), depth + 1);
                }
                out.write('e');
            }
            default -> throw new IllegalArgumentException("cannot bencode " + v.getClass().getSimpleName());
        }
    }

    /** Decodes one canonical value that spans all of {@code data}; dictionaries keep their (sorted) order. */
    public static Object decode(byte[] data) throws BencodeException {
        Cursor c = new Cursor(data);
        Object v = c.value(0);
        if (c.pos != data.length) throw new BencodeException("trailing bytes after the value at byte " + c.pos);
        return v;
    }

    private static final class Cursor {
        private final byte[] data;
        private int pos;

        Cursor(byte[] data) {
            this.data = data;
        }

        Object value(int depth) throws BencodeException {
            if (depth > MAX_DEPTH) throw new BencodeException("nesting deeper than " + MAX_DEPTH + " at byte " + pos);
            int b = peek();
            return switch (b) {
                case 'i' -> integer();
                case 'l' -> list(depth);
                case 'd' -> dictionary(depth);
                default -> {
                    if (b >= '0' && b <= '9') yield bytes();
                    throw new BencodeException("unexpected byte 0x" + Integer.toHexString(b) + " at byte " + pos);
                }
            };
        }

        private int peek() throws BencodeException {
            if (pos >= data.length) throw new BencodeException("truncated at byte " + pos);
            return data[pos] & 0xff;
        }

        private long integer() throws BencodeException {
            int start = ++pos;
            int end = indexOf('e', start);
            String digits = new String(data, start, end - start, StandardCharsets.US_ASCII);
            if (!digits.matches("-?(0|[1-9][0-9]{0,18})") || digits.equals("-0")) {
                throw new BencodeException("integer '" + digits + "' at byte " + start + " is not canonical");
            }
            pos = end + 1;
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new BencodeException("integer at byte " + start + " does not fit 64 bits");
            }
        }

        private byte[] bytes() throws BencodeException {
            int start = pos;
            int colon = indexOf(':', start);
            String digits = new String(data, start, colon - start, StandardCharsets.US_ASCII);
            if (!digits.matches("0|[1-9][0-9]{0,9}")) throw new BencodeException("string length '" + digits + "' at byte " + start + " is not canonical");
            long len = Long.parseLong(digits);
            if (len > data.length - colon - 1) throw new BencodeException("string at byte " + start + " claims " + len + " bytes, only " + (data.length - colon - 1) + " left");
            pos = colon + 1 + (int) len;
            return Arrays.copyOfRange(data, colon + 1, pos);
        }

        private List<Object> list(int depth) throws BencodeException {
            pos++;
            List<Object> items = new ArrayList<>();
            while (peek() != 'e') items.add(value(depth + 1));
            pos++;
            return Collections.unmodifiableList(items);
        }

        private Map<String, Object> dictionary(int depth) throws BencodeException {
            int start = pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            byte[] previous = null;
            while (peek() != 'e') {
                if (peek() < '0' || peek() > '9') throw new BencodeException("dictionary key at byte " + pos + " is not a string");
                byte[] key = bytes();
                if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
                    throw new BencodeException("dictionary at byte " + start + " has unsorted or duplicate key '" + new String(key, StandardCharsets.UTF_8) + "'");
                }
                previous = key;
                map.put(utf8Key(key, start), value(depth + 1));
            }
            pos++;
            return Collections.unmodifiableMap(map);
        }

        private static String utf8Key(byte[] key, int dictStart) throws BencodeException {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(key)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new BencodeException("dictionary at byte " + dictStart + " has a key that is not UTF-8");
            }
        }

        private int indexOf(char ch, int from) throws BencodeException {
            for (int i = from; i < data.length && i < from + 22; i++) if (data[i] == ch) return i;
            throw new BencodeException("missing '" + ch + "' after byte " + from);
        }
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
