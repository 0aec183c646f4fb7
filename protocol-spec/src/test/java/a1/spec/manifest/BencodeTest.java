package a1.spec.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The BEP 3 examples encode and decode; every non-canonical spelling is refused. */
class BencodeTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bep3ExamplesRoundTrip() throws Exception {
        assertArrayEquals(b("4:spam"), Bencode.encode("spam"));
        assertArrayEquals(b("i3e"), Bencode.encode(3L));
        assertArrayEquals(b("i-3e"), Bencode.encode(-3L));
        assertArrayEquals(b("i0e"), Bencode.encode(0L));
        assertArrayEquals(b("l4:spam4:eggse"), Bencode.encode(List.of("spam", "eggs")));
        Map<String, Object> unsorted = new LinkedHashMap<>();
        unsorted.put("spam", "eggs");
        unsorted.put("cow", "moo");
        assertArrayEquals(b("d3:cow3:moo4:spam4:eggse"), Bencode.encode(unsorted));
        assertEquals(-3L, Bencode.decode(b("i-3e")));
        Map<?, ?> d = (Map<?, ?>) Bencode.decode(b("d3:cow3:moo4:spam4:eggse"));
        assertArrayEquals(b("moo"), (byte[]) d.get("cow"));
        assertEquals(2, ((List<?>) Bencode.decode(b("l4:spam4:eggse"))).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"i-0e", "i03e", "ie", "i1", "04:spam", "5:spam", "d4:spam4:eggs3:cow3:mooe", "d3:cow1:a3:cow1:be",
            "di1e1:ae", "l", "x", "i99999999999999999999e", "4:spamx", ""})
    void nonCanonicalOrBrokenIsRefused(String s) {
        assertThrows(BencodeException.class, () -> Bencode.decode(b(s)));
    }

    /** Property: random bytes and mutations of valid input either decode to a value that re-encodes to the same bytes or fail with BencodeException. */
    @Test
    void decoderNeverFailsOtherwiseThanWithBencodeException() {
        java.util.Random rnd = new java.util.Random(7);
        byte[] valid = b("d4:listl4:spami-42ee3:mapd1:ai0e1:b0:ee");
        for (int i = 0; i < 20_000; i++) {
            byte[] in;
            if (i % 2 == 0) {
                in = valid.clone();
                for (int k = 0; k <= rnd.nextInt(3); k++) in[rnd.nextInt(in.length)] = (byte) "0123456789ield:-x".charAt(rnd.nextInt(17));
            } else {
                in = new byte[rnd.nextInt(24)];
                for (int k = 0; k < in.length; k++) in[k] = (byte) "0123456789ield:-".charAt(rnd.nextInt(16));
            }
            try {
                assertArrayEquals(in, Bencode.encode(Bencode.decode(in)), "canonical input re-encodes to itself");
            } catch (BencodeException expected) {
                // refused with a message; anything else would propagate and fail the test
            }
        }
    }

    @Test
    void deepNestingIsRefusedNotOverflowed() {
        assertThrows(BencodeException.class, () -> Bencode.decode(b("l".repeat(10_000))));
    }
}
