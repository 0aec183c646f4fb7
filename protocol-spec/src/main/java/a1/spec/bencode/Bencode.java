package a1.spec.bencode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure bencode codec over byte arrays.
 *
 * <p>Decoding accepts only the canonical form (sorted unique keys, no leading zeros, no "-0"), so
 * re-encoding a decoded value gives back the exact input bytes. BEP 44 hashes and signs the
 * verbatim bencoding of {@code v}; with canonical input the re-encoded value is that verbatim form.
 * Lengths are checked against the remaining input before anything is allocated, and nesting is
 * bounded, so hostile input costs at most its own size.
 */
public final class Bencode {

    /** Deeper nesting than any DHT message needs; bounds recursion on hostile input. */
    public static final int MAX_DEPTH = 32;

    private Bencode() {
    }

    public static BValue decode(byte[] input) {
        Reader reader = new Reader(input);
        BValue value = reader.value(0);
        if (reader.pos != input.length) {
            throw new BencodeException("trailing data at offset " + reader.pos);
        }
        return value;
    }

    public static byte[] encode(BValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        write(value, out);
        return out.toByteArray();
    }

    private static void write(BValue value, ByteArrayOutputStream out) {
        switch (value) {
            case BString s -> writeString(s.bytes(), out);
            case BInt i -> out.writeBytes(("i" + i.value() + "e").getBytes(StandardCharsets.US_ASCII));
            case BList l -> {
                out.write('l');
                l.items().forEach(item -> write(item, out));
                out.write('e');
            }
            case BDict d -> {
                out.write('d');
                for (Map.Entry<String, BValue> e : d.entries().entrySet()) {
                    writeString(e.getKey().getBytes(StandardCharsets.ISO_8859_1), out);
                    write(e.getValue(), out);
                }
                out.write('e');
            }
        }
    }

    private static void writeString(byte[] bytes, ByteArrayOutputStream out) {
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
    }

    private static final class Reader {
        private final byte[] in;
        private int pos;

        Reader(byte[] in) {
            this.in = in;
        }

        BValue value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new BencodeException("nesting deeper than " + MAX_DEPTH + " at offset " + pos);
            }
            int b = peek();
            return switch (b) {
                case 'i' -> integer();
                case 'l' -> list(depth);
                case 'd' -> dict(depth);
                default -> {
                    if (b >= '0' && b <= '9') {
                        yield string();
                    }
                    throw new BencodeException("unexpected byte 0x" + Integer.toHexString(b) + " at offset " + pos);
                }
            };
        }

        private int peek() {
            if (pos >= in.length) {
                throw new BencodeException("truncated input at offset " + pos);
            }
            return in[pos] & 0xff;
        }

        private BInt integer() {
            pos++;
            long v = number('e', true);
            return new BInt(v);
        }

        private BString string() {
            long len = number(':', false);
            if (len > in.length - pos) {
                throw new BencodeException("string length " + len + " exceeds remaining " + (in.length - pos) + " bytes");
            }
            byte[] bytes = java.util.Arrays.copyOfRange(in, pos, pos + (int) len);
            pos += (int) len;
            return new BString(bytes);
        }

        /** Reads canonical decimal digits up to the terminator (consumed). */
        private long number(char terminator, boolean signed) {
            int start = pos;
            boolean negative = false;
            if (signed && peek() == '-') {
                negative = true;
                pos++;
            }
            int digitsStart = pos;
            long v = 0;
            while (peek() != terminator) {
                int c = peek();
                if (c < '0' || c > '9') {
                    throw new BencodeException("expected digit at offset " + pos);
                }
                if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
                    throw new BencodeException("number too large at offset " + start);
                }
                v = v * 10 + (c - '0');
                pos++;
            }
            int digits = pos - digitsStart;
            if (digits == 0) {
                throw new BencodeException("empty number at offset " + start);
            }
            if (digits > 1 && in[digitsStart] == '0' || negative && v == 0) {
                throw new BencodeException("non-canonical number at offset " + start);
            }
            pos++;
            return negative ? -v : v;
        }

        private BList list(int depth) {
            pos++;
            List<BValue> items = new ArrayList<>();
            while (peek() != 'e') {
                items.add(value(depth + 1));
            }
            pos++;
            return new BList(items);
        }

        private BDict dict(int depth) {
            pos++;
            TreeMap<String, BValue> entries = new TreeMap<>();
            String previous = null;
            while (peek() != 'e') {
                int keyAt = pos;
                if (peek() < '0' || peek() > '9') {
                    throw new BencodeException("dictionary key is not a string at offset " + keyAt);
                }
                String key = string().latin1();
                if (previous != null && previous.compareTo(key) >= 0) {
                    throw new BencodeException("dictionary keys unsorted or duplicated at offset " + keyAt);
                }
                entries.put(key, value(depth + 1));
                previous = key;
            }
            pos++;
            return new BDict(entries);
        }
    }
}
