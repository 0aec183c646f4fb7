package a1.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.id.NodeId;
import a1.dht.id.NodeInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    final Random random = new Random(9);
    final NodeId self = NodeId.random(random);
    int port = 1000;

    NodeInfo nodeInBucket(int bucket) {
        return new NodeInfo(self.randomWithPrefix(bucket, random),
                new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), port++));
    }

    @Test
    void bucketHoldsAtMostKAndQueuesTheRest() {
        RoutingTable table = new RoutingTable(self, 8, 2, false, 0);
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            NodeInfo n = nodeInBucket(0);
            nodes.add(n);
            table.seen(n, i);
        }
        assertEquals(8, table.size());
        assertTrue(table.contains(nodes.get(0).id()), "old live contacts are kept (Kademlia prefers them)");
        assertFalse(table.contains(nodes.get(11).id()));
        assertFalse(table.wants(nodeInBucket(0).id()));
        assertTrue(table.wants(nodeInBucket(1).id()));
    }

    @Test
    void staleContactIsReplacedFromReplacementCache() {
        RoutingTable table = new RoutingTable(self, 8, 2, false, 0);
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            NodeInfo n = nodeInBucket(0);
            nodes.add(n);
            table.seen(n, i);
        }
        NodeInfo waiting = nodes.get(8);
        NodeInfo flaky = nodes.get(3);
        table.failed(flaky);
        assertTrue(table.contains(flaky.id()), "one failure is not yet stale");
        table.failed(flaky);
        assertFalse(table.contains(flaky.id()));
        assertTrue(table.contains(waiting.id()), "the replacement took the stale slot");
    }

    @Test
    void lookupsStartFromStaleContactsOnlyWhenNoLiveOneIsLeft() {
        RoutingTable table = new RoutingTable(self, 8, 2, false, 0);
        NodeInfo only = nodeInBucket(0);
        table.seen(only, 0);
        table.failed(only);
        table.failed(only);
        assertEquals(List.of(), table.closest(self, 8), "stale contacts are not handed to others");
        assertEquals(List.of(only), table.lookupStart(self, 8), "but a lookup still tries the one contact it has");
        NodeInfo fresh = nodeInBucket(1);
        table.seen(fresh, 1);
        assertEquals(List.of(fresh), table.lookupStart(self, 8));
    }

    @Test
    void staleContactGivesWayToNewcomerWhenNoReplacementWaits() {
        RoutingTable table = new RoutingTable(self, 2, 1, false, 0);
        NodeInfo a = nodeInBucket(0);
        NodeInfo b = nodeInBucket(0);
        table.seen(a, 0);
        table.seen(b, 0);
        table.failed(a);
        assertTrue(table.contains(a.id()));
        assertTrue(table.wants(nodeInBucket(0).id()), "a stale slot is room");
        NodeInfo c = nodeInBucket(0);
        table.seen(c, 1);
        assertFalse(table.contains(a.id()));
        assertTrue(table.contains(c.id()));
    }

    @Test
    void closestReturnsNearestFirst() {
        RoutingTable table = new RoutingTable(self, 8, 2, false, 0);
        List<NodeInfo> all = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            for (int i = 0; i < 3; i++) {
                NodeInfo n = nodeInBucket(b);
                all.add(n);
                table.seen(n, 0);
            }
        }
        NodeId target = NodeId.random(random);
        List<NodeInfo> expected = all.stream().sorted(Comparator.comparing(NodeInfo::id, target.byDistance()))
                .limit(8).toList();
        assertEquals(expected, table.closest(target, 8));
    }

    @Test
    void snapshotIsImmutableCopyAndReportsBuckets() {
        RoutingTable table = new RoutingTable(self, 8, 2, false, 0);
        NodeInfo n = nodeInBucket(5);
        table.seen(n, 1234);
        List<RoutingEntry> snap = table.snapshot();
        table.seen(nodeInBucket(6), 1);
        assertEquals(1, snap.size());
        assertEquals(5, snap.get(0).bucket());
        assertEquals(n.id(), snap.get(0).id());
        assertEquals(1234, snap.get(0).lastSeen().toEpochMilli());
        assertEquals(2, table.snapshot().size());
    }

    @Test
    void idleBucketsAreDueForRefreshUntilRefreshed() {
        RoutingTable table = new RoutingTable(self, 8, 2, false, 0);
        table.seen(nodeInBucket(2), 10);
        assertEquals(List.of(0, 1, 3), table.bucketsToRefresh(5));
        table.refreshed(0, 6);
        assertEquals(List.of(1, 3), table.bucketsToRefresh(6));
    }

    @Test
    void sameIdFromAnotherAddressDoesNotHijackContact() {
        RoutingTable table = new RoutingTable(self, 8, 2, false, 0);
        NodeInfo real = nodeInBucket(0);
        table.seen(real, 0);
        table.seen(new NodeInfo(real.id(), new InetSocketAddress(InetAddress.ofLiteral("127.0.0.2"), 1)), 1);
        assertEquals(real.address(), table.snapshot().get(0).address());
    }

    @Test
    void publicDhtModeKeepsOneContactPerIp() {
        RoutingTable table = new RoutingTable(self, 8, 2, true, 0);
        for (int i = 0; i < 10; i++) {
            table.seen(nodeInBucket(i), 0);
        }
        assertEquals(1, table.size(), "ten ids on 127.0.0.1 count as one host");
        table.seen(new NodeInfo(NodeId.random(random), new InetSocketAddress(InetAddress.ofLiteral("10.0.0.2"), 1)), 0);
        assertEquals(2, table.size());
    }
}
