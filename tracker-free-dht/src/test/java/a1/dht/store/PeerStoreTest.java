package a1.dht.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.id.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeerStoreTest {

    static InetSocketAddress peer(int port) {
        return new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), port);
    }

    @Test
    void peersPerInfohashAreBoundedOldestDroppedFirst() {
        PeerStore store = new PeerStore(10, 3, false, 1000);
        NodeId ih = NodeId.random(new Random(1));
        for (int p = 1; p <= 5; p++) {
            assertTrue(store.announce(ih, peer(p), 0));
        }
        assertEquals(new HashSet<>(List.of(peer(3), peer(4), peer(5))),
                new HashSet<>(store.peers(ih, 10, 1, new Random(2))));
    }

    @Test
    void infohashCountIsBoundedUntilEntriesExpire() {
        PeerStore store = new PeerStore(2, 3, false, 100);
        Random r = new Random(3);
        assertTrue(store.announce(NodeId.random(r), peer(1), 0));
        assertTrue(store.announce(NodeId.random(r), peer(1), 0));
        NodeId third = NodeId.random(r);
        assertFalse(store.announce(third, peer(1), 50));
        assertTrue(store.announce(third, peer(1), 100));
        assertEquals(1, store.infohashCount());
    }

    @Test
    void repliesAreCappedAndExpiredPeersVanish() {
        PeerStore store = new PeerStore(10, 100, false, 100);
        NodeId ih = NodeId.random(new Random(4));
        for (int p = 1; p <= 50; p++) {
            store.announce(ih, peer(p), p);
        }
        assertEquals(8, store.peers(ih, 8, 60, new Random(5)).size());
        assertEquals(10, store.peers(ih, 100, 140, new Random(5)).size(), "peers announced before t=40 expired");
    }

    @Test
    void publicDhtModeKeepsOnePortPerIp() {
        PeerStore store = new PeerStore(10, 100, true, 1000);
        NodeId ih = NodeId.random(new Random(6));
        for (int p = 1; p <= 20; p++) {
            store.announce(ih, peer(p), 0);
        }
        assertEquals(List.of(peer(20)), store.peers(ih, 100, 1, new Random(7)));
    }
}
