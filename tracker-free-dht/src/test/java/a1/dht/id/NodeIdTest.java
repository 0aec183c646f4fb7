package a1.dht.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NodeIdTest {

    @Test
    void commonPrefixCountsLeadingEqualBits() {
        NodeId a = NodeId.ofHex("8000000000000000000000000000000000000000");
        NodeId b = NodeId.ofHex("0000000000000000000000000000000000000000");
        NodeId c = NodeId.ofHex("0000000000000000000000000000000000000001");
        assertEquals(0, a.commonPrefixBits(b));
        assertEquals(159, b.commonPrefixBits(c));
        assertEquals(160, c.commonPrefixBits(c));
    }

    @Test
    void distanceOrderIsXorOrder() {
        NodeId target = NodeId.ofHex("0f00000000000000000000000000000000000000");
        NodeId near = NodeId.ofHex("0e00000000000000000000000000000000000000"); // xor 01...
        NodeId far = NodeId.ofHex("1000000000000000000000000000000000000000");  // xor 1f...
        assertTrue(target.byDistance().compare(near, far) < 0);
        assertEquals(0, target.byDistance().compare(target, target));
    }

    @Test
    void randomWithPrefixLandsInTheRequestedBucket() {
        Random r = new Random(3);
        NodeId self = NodeId.random(r);
        for (int bucket = 0; bucket < NodeId.BITS; bucket++) {
            assertEquals(bucket, self.commonPrefixBits(self.randomWithPrefix(bucket, r)));
        }
    }

    @Test
    void wrongLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> NodeId.of(new byte[19]));
        assertThrows(IllegalArgumentException.class, () -> NodeId.ofHex("abcd"));
    }
}
