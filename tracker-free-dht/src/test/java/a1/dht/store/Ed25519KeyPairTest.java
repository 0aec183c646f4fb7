package a1.dht.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import a1.spec.sign.SigningKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** A publisher key ({@code a1 keygen}'s {@link SigningKey}) signs BEP 44 items as the same Ed25519 key. */
class Ed25519KeyPairTest {

    static final HexFormat HEX = HexFormat.of();
    // RFC 8032, section 7.1, TEST 1
    static final byte[] SEED = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    static final byte[] PUBLIC = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

    @Test
    void aSigningKeyBecomesThePairOfItsSeed() {
        Ed25519KeyPair keys = Ed25519KeyPair.of(SigningKey.fromSeed(SEED));
        assertArrayEquals(SEED, keys.seed());
        assertArrayEquals(PUBLIC, keys.publicKey());
        assertFalse(keys.toString().contains(HEX.formatHex(SEED)), "the seed must never be printed");
    }
}
