package a1.dht;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.id.NodeId;
import a1.dht.routing.RoutingEntry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Periodic upkeep: contacts that go quiet are pinged, and dead ones stop being handed out. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MaintenanceIT {

    @Test
    void deadContactIsDetectedByMaintenancePingsAndNoLongerOffered() throws Exception {
        // Upkeep every second: quick enough to see a death within the timeout, slow enough that a loaded 2-core
        // CI machine still answers every live ping in time (at 200 ms the pings themselves starved the nodes).
        DhtConfig fast = DhtConfig.localSwarm().withMaintenance(Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (LocalSwarm swarm = LocalSwarm.start(6, fast, 3)) {
            DhtNode watcher = swarm.node(0);
            DhtNode victim = swarm.nodes().stream().skip(1)
                    .filter(n -> watcher.routingTable().stream().anyMatch(e -> e.id().equals(n.id())))
                    .findFirst().orElseThrow();
            NodeId victimId = victim.id();
            victim.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && stillTrusted(watcher, victimId)) {
                Thread.sleep(100);
            }
            assertFalse(stillTrusted(watcher, victimId), "the closed node still looks healthy");
            // The live nodes keep answering, so they are never marked stale.
            for (RoutingEntry e : watcher.routingTable()) {
                assertTrue(e.id().equals(victimId) || e.failures() < fast.maxFailures(), e.toString());
            }
        }
    }

    private static boolean stillTrusted(DhtNode node, NodeId id) {
        return node.routingTable().stream().anyMatch(e -> e.id().equals(id) && e.failures() < node.config().maxFailures());
    }
}
