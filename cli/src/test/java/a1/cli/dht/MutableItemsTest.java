package a1.cli.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import a1.dht.store.Bep44;
import a1.dht.store.Ed25519KeyPair;
import a1.dht.store.MutableItem;
import a1.spec.bencode.BString;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How {@code a1 dht put --key} picks the seq and refuses a stale one (BEP 44's rule, applied before any put). */
class MutableItemsTest {

    static final Ed25519KeyPair KEYS = Ed25519KeyPair.fromSeed(new byte[32]);
    static final byte[] VALUE = "v".getBytes(StandardCharsets.UTF_8);
    static final Optional<MutableItem> HELD_5 = Optional.of(Bep44.sign(KEYS, new byte[0], 5, new BString(VALUE)));

    @Test
    void withoutSeqANewItemStartsAtZeroAndAnOldOneGoesOnePastTheNewest() {
        assertEquals(0, MutableItems.seqToPut(Optional.empty(), null, VALUE));
        assertEquals(6, MutableItems.seqToPut(HELD_5, null, VALUE));
    }

    @Test
    void aGivenSeqAboveTheNewestOrRepeatingTheSameItemIsKept() {
        assertEquals(2, MutableItems.seqToPut(Optional.empty(), 2L, VALUE));
        assertEquals(9, MutableItems.seqToPut(HELD_5, 9L, VALUE));
        assertEquals(5, MutableItems.seqToPut(HELD_5, 5L, VALUE));
    }

    @Test
    void aLowerSeqOrTheSameSeqWithAnotherValueIsStale() {
        IllegalStateException lower = assertThrows(IllegalStateException.class,
                () -> MutableItems.seqToPut(HELD_5, 4L, VALUE));
        assertEquals("seq 4 is stale: the DHT holds seq 5 for this key; give --seq 6 or more", lower.getMessage());
        assertThrows(IllegalStateException.class,
                () -> MutableItems.seqToPut(HELD_5, 5L, "other".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSaltLongerThanBep44AllowsIsRefused() {
        assertEquals(64, MutableItems.salt("s".repeat(64)).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MutableItems.salt("s".repeat(65)));
        assertEquals("--salt is 65 bytes; BEP 44 allows 64", e.getMessage());
    }
}
