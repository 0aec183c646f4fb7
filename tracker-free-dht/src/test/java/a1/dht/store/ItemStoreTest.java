package a1.dht.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.bencode.BString;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Storing-node rules of BEP 44: signature first, seq never goes down, CAS must match, bounds hold. */
class ItemStoreTest {

    final Ed25519KeyPair keys = Ed25519KeyPair.fromSeed(new byte[32]);
    final byte[] salt = {1, 2, 3};

    MutableItem signed(long seq, String value) {
        return Bep44.sign(keys, salt, seq, BString.of(value));
    }

    @Test
    void acceptsValidItemAndRejectsForgedSignature() {
        ItemStore store = new ItemStore(10, 1000);
        MutableItem good = signed(1, "a");
        MutableItem forged = new MutableItem(good.publicKey(), salt, 2, BString.of("evil"), good.signature());
        assertEquals(PutOutcome.INVALID_SIGNATURE, store.putMutable(forged, OptionalLong.empty(), 0));
        assertEquals(PutOutcome.STORED, store.putMutable(good, OptionalLong.empty(), 0));
        assertTrue(store.get(good.target(), 0).isPresent());
    }

    @Test
    void sequenceNumbersOnlyGoUp() {
        ItemStore store = new ItemStore(10, 1000);
        assertEquals(PutOutcome.STORED, store.putMutable(signed(5, "five"), OptionalLong.empty(), 0));
        assertEquals(PutOutcome.SEQ_TOO_LOW, store.putMutable(signed(4, "four"), OptionalLong.empty(), 0));
        assertEquals(PutOutcome.SEQ_TOO_LOW, store.putMutable(signed(5, "other five"), OptionalLong.empty(), 0));
        assertEquals(PutOutcome.STORED, store.putMutable(signed(5, "five"), OptionalLong.empty(), 0), "same item refreshes");
        assertEquals(PutOutcome.STORED, store.putMutable(signed(6, "six"), OptionalLong.empty(), 0));
        assertEquals(6, ((MutableItem) store.get(signed(6, "six").target(), 0).orElseThrow()).seq());
    }

    @Test
    void casMustMatchStoredSeqAndIsIgnoredWhenEmpty() {
        ItemStore store = new ItemStore(10, 1000);
        assertEquals(PutOutcome.STORED, store.putMutable(signed(1, "a"), OptionalLong.of(99), 0));
        assertEquals(PutOutcome.CAS_MISMATCH, store.putMutable(signed(2, "b"), OptionalLong.of(0), 0));
        assertEquals(PutOutcome.STORED, store.putMutable(signed(2, "b"), OptionalLong.of(1), 0));
    }

    @Test
    void itemsExpireAndStoreIsBounded() {
        ItemStore store = new ItemStore(2, 100);
        ImmutableItem a = new ImmutableItem(BString.of("a"));
        assertEquals(PutOutcome.STORED, store.putImmutable(a, 0));
        assertEquals(PutOutcome.STORED, store.putImmutable(new ImmutableItem(BString.of("b")), 50));
        assertEquals(PutOutcome.STORE_FULL, store.putImmutable(new ImmutableItem(BString.of("c")), 60));
        assertEquals(PutOutcome.STORED, store.putImmutable(new ImmutableItem(BString.of("c")), 100), "a expired");
        assertTrue(store.get(a.target(), 100).isEmpty());
        assertEquals(2, store.size());
    }
}
