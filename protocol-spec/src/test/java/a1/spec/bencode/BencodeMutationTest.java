package a1.spec.bencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random mutations of valid bencoding: the decoder either decodes or throws BencodeException. */
public class BencodeMutationTest {

    static final String[] SEEDS = {
            "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe",
            "d1:rd2:id20:mnopqrstuvwxyz1234565:nodes26:abcdefghij0123456789\u007f\u0000\u0000\u0001\u001a\u00e1e1:t2:aa1:y1:re",
            "d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee",
            "l4:spami-42eld1:xi0eee"};

    /** Applies 1..4 random edits: flip, insert, delete, truncate or splice in a bencode token. */
    public static byte[] mutate(byte[] input, Random r) {
        byte[] out = input.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && out.length > 0; e++) {
            int at = r.nextInt(out.length);
            switch (r.nextInt(5)) {
                case 0 -> out[at] = (byte) r.nextInt(256);
                case 1 -> {
                    byte[] token = "ile:d0123456789-".getBytes(StandardCharsets.ISO_8859_1);
                    byte[] n = new byte[out.length + 1];
                    System.arraycopy(out, 0, n, 0, at);
                    n[at] = token[r.nextInt(token.length)];
                    System.arraycopy(out, at, n, at + 1, out.length - at);
                    out = n;
                }
                case 2 -> {
                    byte[] n = new byte[out.length - 1];
                    System.arraycopy(out, 0, n, 0, at);
                    System.arraycopy(out, at + 1, n, at, out.length - at - 1);
                    out = n;
                }
                case 3 -> out = java.util.Arrays.copyOf(out, at);
                default -> {
                    byte[] big = "99999999999:".getBytes(StandardCharsets.ISO_8859_1);
                    byte[] n = new byte[out.length + big.length];
                    System.arraycopy(out, 0, n, 0, at);
                    System.arraycopy(big, 0, n, at, big.length);
                    System.arraycopy(out, at, n, at + big.length, out.length - at);
                    out = n;
                }
            }
        }
        return out;
    }

    @Test
    void mutatedInputOnlyEverThrowsBencodeException() {
        Random r = new Random(0xA1DE5);
        for (int i = 0; i < 20_000; i++) {
            byte[] seed = SEEDS[i % SEEDS.length].getBytes(StandardCharsets.ISO_8859_1);
            byte[] input = mutate(seed, r);
            try {
                BValue v = Bencode.decode(input);
                // Whatever decodes must be canonical, i.e. re-encode to the same bytes.
                assertArrayEquals(input, Bencode.encode(v));
            } catch (BencodeException expected) {
                // the codec's own, clean error
            } catch (RuntimeException | Error e) {
                fail("mutation " + i + " threw " + e + " for input " + java.util.HexFormat.of().formatHex(input));
            }
        }
    }
}
