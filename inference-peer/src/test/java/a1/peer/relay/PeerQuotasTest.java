package a1.peer.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.wire.Activations;
import a1.spec.wire.Encoding;
import a1.spec.wire.Message;
import org.junit.jupiter.api.Test;

/** Each per-peer limit admits exactly its allowance, refills with time, and is kept per peer id. */
class PeerQuotasTest {
    private final long[] now = {0};
    private final PeerLimits limits = new PeerLimits(2, 4, 1 << 20, 10, 20, 1, 3, 3, 1 << 20);
    private final PeerQuotas quotas = new PeerQuotas(limits, () -> now[0]);

    @Test
    void connectionsAreBoundedPerPeerAndInAll() {
        assertNull(quotas.connectionOpened());
        assertNull(quotas.connectionOpened());
        assertNull(quotas.connectionOpened());
        assertTrue(quotas.connectionOpened().contains("at most 3"));
        quotas.connectionClosed();
        assertNull(quotas.connectionOpened());

        assertNull(quotas.joined("a"));
        assertNull(quotas.joined("a"));
        assertTrue(quotas.joined("a").contains("at most 2"));
        assertNull(quotas.joined("b"), "another peer has its own allowance");
        quotas.left("a");
        assertNull(quotas.joined("a"));
    }

    @Test
    void requestUnitsCountForwardedPositionsAndRefill() {
        quotas.joined("a");
        quotas.joined("b");
        Message forward5 = new Message.Forward(1, 0, new Activations(Encoding.F32, 5, 2, new float[10]));
        assertNull(quotas.request("a", forward5)); // 6 units
        assertNull(quotas.request("a", forward5)); // 12
        assertNull(quotas.request("a", forward5)); // 18
        String refused = quotas.request("a", forward5);
        assertNotNull(refused);
        assertTrue(refused.contains("10 request units per second"), refused);
        assertNull(quotas.request("a", new Message.Close(1)), "2 units left of 20");
        assertNull(quotas.request("b", forward5), "b is not charged for a");
        now[0] += 1_000_000_000L; // 1 s: 10 units back, 11 in all
        assertNull(quotas.request("a", forward5));
        assertNotNull(quotas.request("a", forward5), "5 units left, 6 needed");
        assertNull(quotas.request("a", new Message.Close(1)));
    }

    @Test
    void gossipIsLimitedSeparately() {
        quotas.joined("a");
        for (int i = 0; i < 3; i++) assertNull(quotas.gossip("a"));
        assertTrue(quotas.gossip("a").contains("gossip"));
        assertNull(quotas.request("a", new Message.Close(1)), "requests have their own bucket");
        now[0] += 1_000_000_000L;
        assertNull(quotas.gossip("a"));
    }

    @Test
    void aPeerThatKeepsSendingAfterRefusalsIsPersistent() {
        quotas.joined("a");
        Message close = new Message.Close(1);
        for (int i = 0; i < 20; i++) assertNull(quotas.request("a", close));
        // Refusals allowed: a tenth of the limits' burst (20 + 3), at least 16.
        for (int i = 0; i < 16; i++) {
            assertNotNull(quotas.request("a", close));
            assertFalse(quotas.persistent("a"));
        }
        assertNotNull(quotas.request("a", close));
        assertTrue(quotas.persistent("a"));
    }

    @Test
    void idlePeersAreForgottenOnlyOnceTheirBucketsRefill() {
        quotas.joined("a");
        quotas.request("a", new Message.Close(1));
        quotas.left("a");
        quotas.forgetIdle();
        assertEquals(1, quotas.knownPeers(), "a reconnect must not reset a spent bucket");
        now[0] += 10_000_000_000L;
        quotas.forgetIdle();
        assertEquals(0, quotas.knownPeers());
    }
}
