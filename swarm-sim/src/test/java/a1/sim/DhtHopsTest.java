package a1.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DhtHopsTest {
    @Test
    void lookupsInASettledNetworkFindTheClosestNodeInFewHops() {
        DhtHops.Result small = DhtHops.measure(64, 40, 1), large = DhtHops.measure(1024, 40, 1);
        assertEquals(1.0, small.foundClosest());
        assertEquals(1.0, large.foundClosest());
        assertTrue(large.maxHops() <= 10, "at most log2(1024) sequential hops, got " + large.maxHops());
        assertTrue(large.meanHops() > small.meanHops(), "hops grow with the network: " + small.meanHops() + " -> " + large.meanHops());
    }
}
