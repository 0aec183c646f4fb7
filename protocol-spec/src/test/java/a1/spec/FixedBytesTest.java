package a1.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import a1.spec.manifest.InfoHash;
import a1.spec.manifest.ModelId;
import org.junit.jupiter.api.Test;

/** Ids are immutable, equal by type and bytes, written and read as hex with clear errors. */
class FixedBytesTest {
    private static final String HEX40 = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void hexRoundTripsAndEqualityIsByTypeAndBytes() {
        InfoHash h = InfoHash.ofHex(HEX40);
        assertEquals(HEX40, h.hex());
        assertEquals(HEX40, h.toString());
        assertEquals(h, new InfoHash(h.bytes()));
        assertEquals(h.hashCode(), new InfoHash(h.bytes()).hashCode());
        assertEquals(InfoHash.ofHex(HEX40.toUpperCase()), h, "an info-hash reads either case");
        assertNotEquals(h, InfoHash.ofHex("f" + HEX40.substring(1)));
        assertNotEquals(ModelId.of(new byte[0]), new Object() {}, "other types are never equal");
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] raw = new byte[20];
        InfoHash h = new InfoHash(raw);
        raw[0] = 1;
        h.bytes()[1] = 1;
        assertEquals(0, h.byteAt(0) + h.byteAt(1));
    }

    @Test
    void wrongLengthOrDigitsAreClearErrors() {
        assertEquals("an info-hash has 20 bytes, got 19", assertThrows(IllegalArgumentException.class, () -> new InfoHash(new byte[19])).getMessage());
        assertEquals("an info-hash is 40 hex digits, got 'xyz'", assertThrows(IllegalArgumentException.class, () -> InfoHash.ofHex("xyz")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> InfoHash.ofHex("g" + HEX40.substring(1)));
        assertThrows(IllegalArgumentException.class, () -> ModelId.ofHex(ModelId.of(new byte[0]).hex().toUpperCase()), "a model id has one spelling");
    }
}
