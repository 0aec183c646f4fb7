package a1.cli.dht;

import a1.dht.store.Bep44;
import a1.dht.store.MutableItem;
import a1.spec.bencode.BString;
import a1.spec.bencode.BValue;
import a1.spec.bencode.Bencode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** The rules {@code a1 dht put --key} and {@code a1 dht get --public-key} apply to BEP 44 mutable items. */
final class MutableItems {

    private MutableItems() {
    }

    /**
     * The seq to sign: the one asked for, or one past the newest the DHT holds (0 for a new item). A seq below the
     * newest, or equal to it with another value, is refused here with the newest named, as every node would refuse it.
     */
    static long seqToPut(Optional<MutableItem> newest, Long asked, byte[] value) {
        if (asked == null) {
            return newest.map(i -> i.seq() + 1).orElse(0L);
        }
        if (newest.isPresent()) {
            MutableItem held = newest.get();
            boolean sameValue = held.value() instanceof BString s && Arrays.equals(s.bytes(), value);
            if (asked < held.seq() || asked == held.seq() && !sameValue) {
                throw new IllegalStateException("seq " + asked + " is stale: the DHT holds seq " + held.seq()
                        + " for this key; give --seq " + (held.seq() + 1) + " or more");
            }
        }
        return asked;
    }

    /** A byte-string value as UTF-8 text; any other bencoded value (another client's item) as its bencoding. */
    static String text(BValue value) {
        byte[] bytes = value instanceof BString s ? s.bytes() : Bencode.encode(value);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The salt option as bytes (no option: no salt); refused before any network work when BEP 44 would refuse it. */
    static byte[] salt(String salt) {
        byte[] bytes = salt == null ? new byte[0] : salt.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Bep44.MAX_SALT_BYTES) {
            throw new IllegalArgumentException("--salt is " + bytes.length + " bytes; BEP 44 allows " + Bep44.MAX_SALT_BYTES);
        }
        return bytes;
    }
}
