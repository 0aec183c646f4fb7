package a1.spec.bencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** BEP 3 examples round-trip byte for byte; every non-canonical or broken spelling is refused with its reason. */
class BencodeTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0:", "4:spam", "i0e", "i-42e", "i9223372036854775807e", "le", "de",
            "l4:spami42ee", "d3:bar4:spam3:fooi42ee", "d1:ad1:bl1:ceee",
            // BEP 3's own examples
            "i3e", "i-3e", "l4:spam4:eggse", "d3:cow3:moo4:spam4:eggse", "d4:spaml1:a1:bee"})
    void canonicalInputRoundTripsByteForByte(String encoded) {
        assertArrayEquals(b(encoded), Bencode.encode(Bencode.decode(b(encoded))));
    }

    @Test
    void decodesTypedValues() {
        BValue v = Bencode.decode(b("d3:bar4:spam3:fooi42ee"));
        BDict d = (BDict) v;
        assertEquals(BString.of("spam"), d.get("bar"));
        assertEquals(new BInt(42), d.get("foo"));
    }

    @Test
    void encoderSortsKeysByRawBytes() {
        BDict d = BDict.of(Map.of("b", new BInt(1), "a", new BList(List.of()), "\u00ff", BString.of("x")));
        assertArrayEquals(b("d1:ale1:bi1e1:\u00ff1:xe"), Bencode.encode(d));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "|truncated input",
            "i42|truncated input",
            "4:spa|exceeds remaining",
            "l4:spam|truncated input",
            "d3:foo|truncated input",
            "999999999999:x|exceeds remaining",
            "99999999999999999999999:x|number too large",
            "i99999999999999999999e|number too large",
            "i-0e|non-canonical",
            "i03e|non-canonical",
            "04:spam|non-canonical",
            "ie|empty number",
            "i1x2e|expected digit",
            "x|unexpected byte",
            "di1ei2ee|key is not a string",
            "d1:b0:1:a0:e|unsorted or duplicated",
            "d1:a0:1:a0:e|unsorted or duplicated",
            "i1ei2e|trailing data",
            "-1:|unexpected byte"})
    void malformedInputFailsWithClearMessage(String input, String expected) {
        BencodeException e = assertThrows(BencodeException.class, () -> Bencode.decode(b(input == null ? "" : input)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void utf8TextRoundTripsAndMalformedUtf8IsRefused() {
        assertEquals("ünï", BString.utf8("ünï").utf8());
        BencodeException e = assertThrows(BencodeException.class, () -> new BString(new byte[] {(byte) 0xc3}).utf8());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void nestingIsBounded() {
        String deep = "l".repeat(Bencode.MAX_DEPTH + 2) + "e".repeat(Bencode.MAX_DEPTH + 2);
        BencodeException e = assertThrows(BencodeException.class, () -> Bencode.decode(b(deep)));
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
        String ok = "l".repeat(Bencode.MAX_DEPTH) + "e".repeat(Bencode.MAX_DEPTH);
        assertArrayEquals(b(ok), Bencode.encode(Bencode.decode(b(ok))));
    }
}
