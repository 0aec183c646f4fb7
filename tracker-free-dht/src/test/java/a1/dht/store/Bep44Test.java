package a1.dht.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.id.NodeId;
import a1.spec.bencode.BString;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** BEP 44 targets and signatures, checked against the test vectors published in BEP 44. */
class Bep44Test {

    static final HexFormat HEX = HexFormat.of();
    static final byte[] PUBLIC_KEY = HEX.parseHex("77ff84905a91936367c01360803104f92432fcd904a43511876df5cdf3e7e548");
    static final BString HELLO = BString.of("Hello World!");
    static final byte[] SIG_NO_SALT = HEX.parseHex("305ac8aeb6c9c151fa120f120ea2cfb923564e11552d06a5d856091e5e853cff"
            + "1260d3f39e4999684aa92eb73ffd136e6f4f3ecbfda0ce53a1608ecd7ae21f01");
    static final byte[] SIG_SALT = HEX.parseHex("6834284b6b24c3204eb2fea824d82f88883a3d95e8b4a21b8c0ded553d17d17d"
            + "df9a8a7104b1258f30bed3787e6cb896fca78c58f8e03b5f18f14951a87d9a08");
    static final byte[] FOOBAR = "foobar".getBytes(StandardCharsets.US_ASCII);

    @Test
    void test1MutableWithoutSalt() {
        assertArrayEquals("3:seqi1e1:v12:Hello World!".getBytes(StandardCharsets.US_ASCII),
                Bep44.signedBuffer(new byte[0], 1, HELLO));
        assertEquals(NodeId.ofHex("4a533d47ec9c7d95b1ad75f576cffc641853b750"),
                Bep44.mutableTarget(PUBLIC_KEY, new byte[0]));
        assertTrue(Bep44.verify(PUBLIC_KEY, new byte[0], 1, HELLO, SIG_NO_SALT));
    }

    @Test
    void test2MutableWithSalt() {
        assertArrayEquals("4:salt6:foobar3:seqi1e1:v12:Hello World!".getBytes(StandardCharsets.US_ASCII),
                Bep44.signedBuffer(FOOBAR, 1, HELLO));
        assertEquals(NodeId.ofHex("411eba73b6f087ca51a3795d9c8c938d365e32c1"), Bep44.mutableTarget(PUBLIC_KEY, FOOBAR));
        assertTrue(Bep44.verify(PUBLIC_KEY, FOOBAR, 1, HELLO, SIG_SALT));
    }

    @Test
    void test3Immutable() {
        assertEquals(NodeId.ofHex("e5f96f6f38320f0f33959cb4d3d656452117aadb"), new ImmutableItem(HELLO).target());
    }

    @Test
    void vectorSignaturesFailWhenAnythingChanges() {
        assertFalse(Bep44.verify(PUBLIC_KEY, new byte[0], 2, HELLO, SIG_NO_SALT), "seq changed");
        assertFalse(Bep44.verify(PUBLIC_KEY, new byte[0], 1, BString.of("Hello World?"), SIG_NO_SALT), "value changed");
        assertFalse(Bep44.verify(PUBLIC_KEY, FOOBAR, 1, HELLO, SIG_NO_SALT), "salt added");
        assertFalse(Bep44.verify(PUBLIC_KEY, new byte[0], 1, HELLO, SIG_SALT), "salt dropped");
        byte[] sig = SIG_NO_SALT.clone();
        sig[10] ^= 1;
        assertFalse(Bep44.verify(PUBLIC_KEY, new byte[0], 1, HELLO, sig), "signature bit flipped");
        byte[] key = PUBLIC_KEY.clone();
        key[0] ^= 1;
        assertFalse(Bep44.verify(key, new byte[0], 1, HELLO, SIG_NO_SALT), "other key");
        assertFalse(Bep44.verify(PUBLIC_KEY, new byte[0], 1, HELLO, new byte[63]), "short signature");
    }

    @Test
    void signWithSeedVerifiesAndSignaturesAreDeterministic() {
        Ed25519KeyPair keys = Ed25519KeyPair.fromSeed(HEX.parseHex(
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        // RFC 8032 test 1: this seed's public key.
        assertArrayEquals(HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
                keys.publicKey());
        MutableItem a = Bep44.sign(keys, FOOBAR, 5, HELLO);
        MutableItem b = Bep44.sign(keys, FOOBAR, 5, HELLO);
        assertTrue(a.verify());
        assertArrayEquals(a.signature(), b.signature());
        assertFalse(keys.toString().contains("9d61b19d"), "seed must never be printed");
    }

    @Test
    void itemShapesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ImmutableItem(new BString(new byte[999])));
        assertThrows(IllegalArgumentException.class,
                () -> new MutableItem(new byte[31], new byte[0], 1, HELLO, new byte[64]));
        assertThrows(IllegalArgumentException.class,
                () -> new MutableItem(PUBLIC_KEY, new byte[65], 1, HELLO, new byte[64]));
        assertThrows(IllegalArgumentException.class,
                () -> new MutableItem(PUBLIC_KEY, new byte[0], -1, HELLO, new byte[64]));
    }
}
