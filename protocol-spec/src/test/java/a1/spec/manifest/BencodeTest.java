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

    @Test
    void deepNestingIsRefusedNotOverflowed() {
        assertThrows(BencodeException.class, () -> Bencode.decode(b("l".repeat(10_000))));
    }
}
