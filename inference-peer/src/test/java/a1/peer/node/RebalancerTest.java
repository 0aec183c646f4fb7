package a1.peer.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.routing.PeerInfo;
import a1.spec.model.LayerRange;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RebalancerTest {
    private static final long SETTLE = 1_000;
    // b doubles a on 0-1 while c alone serves 2-3 slowly: b should move to 2-3 (see LayerAssignmentTest).
    private static final List<PeerInfo> PEERS = List.of(peer('a', "0-1", 10), peer('b', "0-1", 10), peer('c', "2-3", 2), peer('d', "4", 10));

    private static PeerInfo peer(char id, String range, double throughput) {
        return new PeerInfo(String.valueOf(id).repeat(64), new InetSocketAddress("127.0.0.1", 1), LayerRange.parse(range), throughput, 0);
    }

    private static Optional<LayerRange> check(Rebalancer r, long now) {
        return r.check(now, PEERS, "b".repeat(64), 5, 2, 1.2);
    }

    @Test
    void nothingMovesWithinTheSettleTime() {
        Rebalancer r = new Rebalancer(SETTLE, new Random(1), 0);
        for (long t = 0; t < SETTLE; t += 100) assertTrue(check(r, t).isEmpty());
    }

    @Test
    void aPeerMovesAfterWantingTheSameTargetForOneToFourChecks() {
        for (int seed = 0; seed < 30; seed++) {
            Rebalancer r = new Rebalancer(SETTLE, new Random(seed), 0);
            int checks = 0;
            Optional<LayerRange> moved = Optional.empty();
            while (moved.isEmpty()) {
                moved = check(r, SETTLE + checks++);
                assertTrue(checks <= 1 + Rebalancer.MAX_PATIENCE);
            }
            assertTrue(checks >= 2, "the first check only notes the target");
            assertEquals(LayerRange.parse("2-3"), moved.get());
            r.moved(SETTLE + checks);
            assertTrue(check(r, SETTLE + checks + 1).isEmpty(), "settles again after a move");
        }
    }
}
