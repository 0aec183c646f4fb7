package a1.swarm.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.dht.store.Bep44;
import a1.spec.manifest.ModelId;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** SPEC.md 9.1 test vector (computed independently with Python hashlib and cryptography). */
class DhtKeysTest {
    private static final ModelId ID = ModelId.ofHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void indexKeyPairDerivesFromTheModelId() {
        var keys = DhtKeys.manifestIndex(ID);
        assertEquals("c98438807b41102f4c82be78e69c31c155a956cd4e9b3907be7e3fa0abdc7d49", HexFormat.of().formatHex(keys.seed()));
        assertEquals("06c89704da94f816254f7c7d37ae7c2780e7862c526db942e2bd38cf9894bf25", HexFormat.of().formatHex(keys.publicKey()));
        assertEquals("b14d9cc2f31f26ba5cca7fe9a21125fd9445628e", Bep44.mutableTarget(keys.publicKey(), new byte[0]).hex());
    }

    @Test
    void inferencePeersKeyIsSha1OfPrefixAndHexId() {
        assertEquals("addd1f11a124ca4045f7d90562f3989582527454", DhtKeys.inferencePeers(ID).hex());
    }
}
