package a1.dht.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.id.NodeId;
import a1.dht.id.NodeInfo;
import a1.dht.krpc.KrpcResponse;
import a1.dht.routing.RoutingTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lookups over a simulated 300-node network whose nodes hold real k-bucket routing tables. */
class IterativeLookupTest {

    static final int K = 8;
    final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    final Random random = new Random(21);
    final List<NodeInfo> nodes = new ArrayList<>();
    final Map<NodeId, RoutingTable> tables = new HashMap<>();

    IterativeLookupTest() {
        for (int i = 0; i < 300; i++) {
            nodes.add(new NodeInfo(NodeId.random(random),
                    new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 1000 + i)));
        }
        for (NodeInfo n : nodes) {
            RoutingTable t = new RoutingTable(n.id(), K, 2, false, 0);
            nodes.forEach(other -> t.seen(other, 0));
            tables.put(n.id(), t);
        }
    }

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    IterativeLookup.Querier network(NodeId target, Set<NodeId> dead, int[] queries) {
        return node -> {
            queries[0]++;
            if (dead.contains(node.id())) {
                return CompletableFuture.failedFuture(new RuntimeException("timeout"));
            }
            return CompletableFuture.completedFuture(
                    KrpcResponse.of(new byte[] {1}, node.id()).withNodes(tables.get(node.id()).closest(target, K)));
        };
    }

    List<NodeId> trueClosest(NodeId target, Set<NodeId> excluded) {
        return nodes.stream().map(NodeInfo::id).filter(id -> !excluded.contains(id))
                .sorted(target.byDistance()).limit(K).toList();
    }

    @Test
    void findsTheTrueKClosestFromFarSeeds() {
        NodeInfo me = nodes.get(0);
        for (int round = 0; round < 20; round++) {
            NodeId target = NodeId.random(random);
            int[] queries = {0};
            List<NodeInfo> seeds = tables.get(me.id()).closest(me.id(), K);
            IterativeLookup.Result r = IterativeLookup.run(target, me.id(), seeds, K, 3,
                    network(target, Set.of(), queries), n -> true, loop).join();
            List<NodeId> got = r.closest(K).stream().map(reply -> reply.node().id()).toList();
            assertEquals(trueClosest(target, Set.of(me.id())), got);
            assertTrue(queries[0] < 60, "lookup used " + queries[0] + " queries");
        }
    }

    @Test
    void routesAroundDeadNodes() {
        Set<NodeId> dead = new HashSet<>();
        for (int i = 1; i < nodes.size(); i += 5) {
            dead.add(nodes.get(i).id());
        }
        NodeInfo me = nodes.get(0);
        NodeId target = NodeId.random(random);
        Set<NodeId> excluded = new HashSet<>(dead);
        excluded.add(me.id());
        IterativeLookup.Result r = IterativeLookup.run(target, me.id(), tables.get(me.id()).closest(target, K), K, 4,
                network(target, dead, new int[1]), n -> true, loop).join();
        // Responders still advertise dead contacts, so the far end of the k set may be approximate;
        // the nearest live nodes must be found exactly and no dead node may count as a reply.
        List<NodeId> got = r.closest(K).stream().map(x -> x.node().id()).toList();
        List<NodeId> expected = trueClosest(target, excluded);
        assertEquals(expected.subList(0, 4), got.subList(0, 4));
        assertTrue(got.stream().filter(expected::contains).count() >= 6, got + " vs " + expected);
        assertTrue(got.stream().noneMatch(dead::contains));
    }

    @Test
    void emptySeedListFinishesWithNoReplies() {
        IterativeLookup.Result r = IterativeLookup.run(NodeId.random(random), nodes.get(0).id(), List.of(), K, 3,
                network(NodeId.random(random), Set.of(), new int[1]), n -> true, loop).join();
        assertTrue(r.replies().isEmpty());
        assertEquals(0, r.queried());
    }

    @Test
    void rejectedContactsAreNeverQueried() {
        NodeInfo me = nodes.get(0);
        NodeId target = NodeId.random(random);
        Set<NodeId> asked = new HashSet<>();
        IterativeLookup.Querier q = node -> {
            asked.add(node.id());
            return network(target, Set.of(), new int[1]).query(node);
        };
        Set<NodeId> banned = new HashSet<>(trueClosest(target, Set.of(me.id())));
        IterativeLookup.run(target, me.id(), tables.get(me.id()).closest(target, K), K, 3, q,
                n -> !banned.contains(n.id()), loop).join();
        assertFalse(asked.isEmpty());
        assertTrue(asked.stream().noneMatch(banned::contains), "a contact the policy rejects was queried");
    }

    @Test
    void aReplyThatIsEnoughEndsTheLookupAtOnce() throws Exception {
        NodeInfo me = nodes.get(0);
        NodeId target = NodeId.random(random);
        List<NodeInfo> seeds = tables.get(me.id()).closest(me.id(), K);
        int[] full = {0}, early = {0};
        IterativeLookup.run(target, me.id(), seeds, K, 3, network(target, Set.of(), full), n -> true, loop).join();
        NodeId holder = seeds.stream().map(NodeInfo::id).sorted(target.byDistance()).findFirst().orElseThrow(); // asked first
        IterativeLookup.Result r = loop.submit(() -> IterativeLookup.run(target, me.id(), seeds, K, 3, network(target, Set.of(), early),
                n -> true, reply -> reply.id().equals(holder), IterativeLookup.Stalls.NEVER, loop)).get().get(10, TimeUnit.SECONDS);
        assertTrue(r.replies().stream().anyMatch(x -> x.node().id().equals(holder)));
        assertTrue(early[0] < full[0], "the lookup went on after the reply it needed: " + early[0] + " queries, " + full[0] + " for the whole walk");
    }

    @Test
    void unansweredQueriesStopHoldingTheirSlotAfterTheStallTime() throws Exception {
        // Every contact hangs until released: without the stall time only alpha (2) of the 8 would be asked.
        NodeInfo me = nodes.get(0);
        NodeId target = NodeId.random(random);
        List<CompletableFuture<KrpcResponse>> pending = java.util.Collections.synchronizedList(new ArrayList<>());
        IterativeLookup.Querier hanging = node -> {
            CompletableFuture<KrpcResponse> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        };
        CompletableFuture<IterativeLookup.Result> r = loop.submit(() -> IterativeLookup.run(target, me.id(), tables.get(me.id()).closest(target, K),
                K, 2, hanging, n -> true, reply -> false, new IterativeLookup.Stalls(5, () -> true, n -> { }), loop)).get();
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); pending.size() < K && System.nanoTime() < end; ) Thread.sleep(5);
        assertEquals(K, pending.size());
        Thread.sleep(100); // every query has stalled by now
        assertFalse(r.isDone(), "the lookup must still wait for the answers of its k closest");
        List.copyOf(pending).forEach(f -> f.completeExceptionally(new RuntimeException("timeout")));
        IterativeLookup.Result done = r.get(10, TimeUnit.SECONDS);
        assertTrue(done.replies().isEmpty());
        assertEquals(K, done.queried());
    }

    @Test
    void aWalkThatNeedNotWaitForStalledQueriesEndsWithoutThemAndNamesTheirContacts() throws Exception {
        // The k closest contacts never answer; the rest of the network does. A table-filling walk asks past them.
        NodeInfo me = nodes.get(0);
        NodeId target = NodeId.random(random);
        Set<NodeId> silent = new HashSet<>(trueClosest(target, Set.of(me.id())));
        IterativeLookup.Querier q = node -> silent.contains(node.id()) ? new CompletableFuture<>() : network(target, Set.of(), new int[1]).query(node);
        Set<NodeId> stalled = java.util.concurrent.ConcurrentHashMap.newKeySet();
        IterativeLookup.Result r = loop.submit(() -> IterativeLookup.run(target, me.id(), tables.get(me.id()).closest(target, K), K, 3, q,
                n -> true, reply -> false, new IterativeLookup.Stalls(5, () -> false, n -> stalled.add(n.id())), loop)).get().get(10, TimeUnit.SECONDS);
        assertTrue(r.replies().size() >= K, "k answering contacts past the silent ones: " + r.replies().size());
        assertTrue(r.replies().stream().noneMatch(x -> silent.contains(x.node().id())));
        assertTrue(stalled.containsAll(silent), "every silent contact that was asked is named: " + stalled.size());
    }
}
