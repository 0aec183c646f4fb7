package a1.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.id.NodeId;
import a1.dht.store.Bep44;
import a1.dht.store.Ed25519KeyPair;
import a1.dht.store.MutableItem;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Fifty A1 nodes on loopback in one JVM: peer discovery and BEP 44 mutable items across the swarm. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Dht50NodeSwarmIT {

    private static final int NODES = 50;
    private static LocalSwarm swarm;

    @BeforeAll
    static void startSwarm() throws Exception {
        swarm = LocalSwarm.start(NODES, DhtConfig.localSwarm(), 42);
    }

    @AfterAll
    static void stopSwarm() {
        if (swarm != null) {
            swarm.close();
        }
    }

    @Test
    void everyNodeFindsAnAnnouncedPeerWithinThreeLookups() {
        Random random = new Random(7);
        for (int round = 0; round < 3; round++) {
            int announcer = random.nextInt(NODES);
            NodeId infohash = NodeId.random(random);
            int port = 20_000 + round;
            int stored = swarm.node(announcer).announce(infohash, port).join();
            assertTrue(stored > 0, "announce stored nowhere");
            InetSocketAddress expected = new InetSocketAddress(LocalSwarm.LOOPBACK, port);
            for (DhtNode seeker : swarm.nodes()) {
                int lookups = 0;
                boolean found = false;
                while (!found && lookups < 3) {
                    Set<InetSocketAddress> peers = seeker.findPeers(infohash).join();
                    lookups++;
                    found = peers.contains(expected);
                }
                assertTrue(found, seeker + " did not find the peer announced by node " + announcer + " in 3 lookups");
            }
        }
    }

    @Test
    void mutablePutThenGetFromDistantNodeReturnsNewestSeq() {
        Ed25519KeyPair keys = Ed25519KeyPair.generate(new SecureRandom());
        byte[] salt = "manifest".getBytes(StandardCharsets.UTF_8);
        NodeId target = Bep44.mutableTarget(keys.publicKey(), salt);
        DhtNode writer = swarm.node(3);
        assertTrue(writer.putMutable(keys, salt, bytes("v1"), 1, OptionalLong.empty()).join() > 0);
        assertTrue(writer.putMutable(keys, salt, bytes("v2"), 2, OptionalLong.of(1)).join() > 0);

        // A stale seq and a wrong CAS are refused by every storing node.
        CompletionException stale = assertThrows(CompletionException.class,
                () -> writer.putMutable(keys, salt, bytes("old"), 1, OptionalLong.empty()).join());
        assertTrue(stale.getCause().getMessage().contains("no node accepted"), stale.getMessage());
        assertThrows(CompletionException.class,
                () -> writer.putMutable(keys, salt, bytes("v3"), 3, OptionalLong.of(1)).join());

        DhtNode distant = swarm.nodes().stream()
                .max(Comparator.comparing(DhtNode::id, target.byDistance())).orElseThrow();
        Optional<MutableItem> got = distant.getMutable(keys.publicKey(), salt).join();
        assertTrue(got.isPresent(), "distant node found no item");
        assertEquals(2, got.get().seq());
        assertEquals("v2", new String(((a1.spec.bencode.BString) got.get().value()).bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void immutableItemPutOnOneNodeIsReadOnAnother() {
        byte[] value = bytes("weights manifest 0001");
        NodeId key = swarm.node(10).putImmutable(value).join();
        assertEquals(NodeId.sha1(bytes("21:weights manifest 0001")), key);
        Optional<byte[]> got = swarm.node(40).getImmutable(key).join();
        assertTrue(got.isPresent());
        assertEquals("weights manifest 0001", new String(got.get(), StandardCharsets.UTF_8));
    }

    @Test
    void routingTablesAreFilled() {
        for (DhtNode n : swarm.nodes()) {
            assertTrue(n.routingTable().size() >= 8, n + " knows only " + n.routingTable().size() + " nodes");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
