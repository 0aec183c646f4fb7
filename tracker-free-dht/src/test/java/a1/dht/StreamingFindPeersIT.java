package a1.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.id.NodeId;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link DhtNode#findPeers(NodeId, java.util.function.Consumer)} streams: peers arrive while the lookup still waits
 * for a contact that will never answer, and each distinct peer arrives once although several nodes return it; having
 * found peers, the lookup stops waiting for that contact after the stall time, not its whole time-out.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamingFindPeersIT {

    record Delivery(InetSocketAddress peer, long atNanos) {
    }

    @Test
    void peersArriveBeforeTheLookupEndsAndEachOnlyOnce() throws Exception {
        try (LocalSwarm swarm = LocalSwarm.start(16, DhtConfig.localSwarm(), 31)) {
            // The infohash is node 5's id: node 5 is the nearest contact every lookup for it must ask.
            DhtNode nearest = swarm.node(5);
            NodeId infohash = nearest.id();
            Set<InetSocketAddress> announced = new HashSet<>();
            for (int i = 1; i <= 3; i++) {
                assertTrue(swarm.node(i).announce(infohash, 7000 + i).join() > 1, "announce " + i + " stored too little");
                announced.add(new InetSocketAddress(LocalSwarm.LOOPBACK, 7000 + i));
            }
            // Closed, node 5 never answers: the lookup waits for it until its query stalls (a quarter of the 1.5 s
            // time-out), while the other nodes near the infohash reply (with all three peers each) at once.
            nearest.close();

            DhtNode seeker = swarm.node(12);
            List<Delivery> deliveries = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            CompletableFuture<Integer> lookup = seeker.findPeers(infohash,
                    peer -> deliveries.add(new Delivery(peer, System.nanoTime())));
            int count = lookup.join();
            long end = System.nanoTime();

            List<InetSocketAddress> peers = deliveries.stream().map(Delivery::peer).toList();
            assertEquals(announced, Set.copyOf(peers));
            assertEquals(peers.size(), Set.copyOf(peers).size(), "a peer was delivered twice: " + peers);
            assertEquals(peers.size(), count);
            long firstMillis = TimeUnit.NANOSECONDS.toMillis(deliveries.getFirst().atNanos() - start);
            long endMillis = TimeUnit.NANOSECONDS.toMillis(end - start);
            long stallMillis = DhtConfig.localSwarm().requestTimeout().toMillis() / 4;
            assertTrue(endMillis - firstMillis >= stallMillis / 2,
                    "first peer after " + firstMillis + " ms, lookup done after " + endMillis + " ms: not streamed");
            assertTrue(endMillis < DhtConfig.localSwarm().requestTimeout().toMillis(),
                    "the lookup waited out the silent contact's whole time-out: " + endMillis + " ms");

            assertEquals(announced, seeker.findPeers(infohash).join());
        }
    }
}
