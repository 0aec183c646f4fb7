package a1.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.id.NodeId;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The same DHT over IPv6 on ::1: contacts travel as BEP 5 "nodes6" and peers as 18-byte values. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Ipv6LoopbackIT {

    static final InetAddress V6_LOOPBACK = InetAddress.ofLiteral("::1");

    @Test
    void peersAndItemsWorkOverIpv6() throws Exception {
        try (LocalSwarm swarm = LocalSwarm.start(12, DhtConfig.localSwarm(), 17, V6_LOOPBACK)) {
            for (DhtNode n : swarm.nodes()) {
                assertTrue(n.routingTable().size() >= 5, n + " learned too few IPv6 contacts");
                assertTrue(n.routingTable().stream().allMatch(e -> e.address().getAddress() instanceof Inet6Address));
            }
            NodeId infohash = NodeId.random(new Random(2));
            assertTrue(swarm.node(2).announce(infohash, 7070).join() > 0);
            assertTrue(swarm.node(9).findPeers(infohash).join().contains(new InetSocketAddress(V6_LOOPBACK, 7070)));
            NodeId key = swarm.node(4).putImmutable("over v6".getBytes(StandardCharsets.UTF_8)).join();
            assertEquals("over v6", new String(swarm.node(11).getImmutable(key).join().orElseThrow(),
                    StandardCharsets.UTF_8));
        }
    }
}
