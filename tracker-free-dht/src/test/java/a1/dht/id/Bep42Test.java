package a1.dht.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BEP 42 node-id restriction, checked against the BEP's own test vectors. */
class Bep42Test {

    @ParameterizedTest
    @CsvSource({
            "124.31.75.21, 1, 5fbfbff10c5d6a4ec8a88e4c6ab4c28b95eee401",
            "21.75.31.124, 86, 5a3ce9c14e7a08645677bbd1cfe7d8f956d53256",
            "65.23.51.170, 22, a5d43220bc8f112a3d426c84764f8c2a1150e616",
            "84.124.73.14, 65, 1b0321dd1bb1fe518101ceef99462b947a01ff41",
            "43.213.53.83, 90, e56f6cbf5b7c4be0237986d5243b87aa6d51305a"})
    void bepVectorsAreValidAndTamperedPrefixesAreNot(String ip, int rand, String hex) {
        InetAddress address = InetAddress.ofLiteral(ip);
        NodeId id = NodeId.ofHex(hex);
        assertEquals(rand, id.byteAt(19));
        assertTrue(Bep42.isValid(id, address));
        for (int bit = 0; bit < 21; bit++) {
            byte[] b = id.bytes();
            b[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            assertFalse(Bep42.isValid(NodeId.of(b), address), "flipped prefix bit " + bit + " still valid");
        }
        byte[] otherR = id.bytes();
        otherR[19] ^= 1;
        assertFalse(Bep42.isValid(NodeId.of(otherR), address), "r no longer matches the prefix");
    }

    @Test
    void generatedIdsAreValidForTheirAddress() {
        Random random = new Random(1);
        for (String ip : new String[] {"124.31.75.21", "8.8.4.4", "2001:db8::1"}) {
            InetAddress address = InetAddress.ofLiteral(ip);
            for (int i = 0; i < 50; i++) {
                assertTrue(Bep42.isValid(Bep42.generate(address, random), address), ip);
            }
        }
    }

    @Test
    void localAddressesAreExempt() {
        NodeId any = NodeId.ofHex("0000000000000000000000000000000000000000");
        for (String ip : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.3.3", "::1",
                "fd00::1"}) {
            assertTrue(Bep42.isValid(any, InetAddress.ofLiteral(ip)), ip);
        }
        assertFalse(Bep42.isValid(any, InetAddress.ofLiteral("124.31.75.21")));
    }
}
