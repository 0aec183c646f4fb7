package a1.sim;

import a1.dht.id.NodeId;
import a1.dht.id.NodeInfo;
import a1.dht.krpc.KrpcResponse;
import a1.dht.lookup.IterativeLookup;
import a1.dht.routing.RoutingTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * DHT lookups in a network of {@code n} nodes, run by the real {@link IterativeLookup} over real {@link RoutingTable}s:
 * each node's table is filled as a settled Kademlia network's would be (up to k random contacts in every bucket that
 * has candidates), and a query is answered from the queried node's table after one round trip of virtual time. With
 * every round trip equal, a lookup's duration in round trips is its number of sequential hops.
 */
public final class DhtHops {
    /** Lookups measured per network size. */
    public record Result(int nodes, double meanHops, int maxHops, double meanQueries, double foundClosest) {}

    private static final int K = 8, ALPHA = 3;

    private DhtHops() {}

    public static Result measure(int n, int lookups, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        NodeInfo[] nodes = new NodeInfo[n];
        for (int i = 0; i < n; i++) {
            byte[] ip = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            nodes[i] = new NodeInfo(NodeId.random(random), new InetSocketAddress(address(ip), 6881));
        }
        Arrays.sort(nodes, Comparator.comparing(NodeInfo::id, NodeId.of(new byte[NodeId.LENGTH]).byDistance()));
        java.util.Map<NodeId, RoutingTable> tables = new java.util.HashMap<>();
        for (NodeInfo self : nodes) tables.put(self.id(), table(self, nodes, random));
        int hopsSum = 0, maxHops = 0, queries = 0, exact = 0;
        for (int i = 0; i < lookups; i++) {
            NodeInfo from = nodes[random.nextInt(n)];
            NodeId target = NodeId.random(random);
            Walk w = new Walk(tables);
            IterativeLookup.Result r = w.run(target, from, tables.get(from.id()));
            hopsSum += w.now;
            maxHops = Math.max(maxHops, (int) w.now);
            queries += r.queried();
            NodeId nearest = Arrays.stream(nodes).map(NodeInfo::id).min(target.byDistance()).orElseThrow();
            if (!r.replies().isEmpty() && r.replies().getFirst().node().id().equals(nearest) || nearest.equals(from.id())) exact++;
        }
        return new Result(n, (double) hopsSum / lookups, maxHops, (double) queries / lookups, (double) exact / lookups);
    }

    private static InetAddress address(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A settled table: for each prefix length b, up to K random nodes sharing exactly b leading bits with {@code self}. */
    private static RoutingTable table(NodeInfo self, NodeInfo[] sortedFromZero, SplittableRandom random) {
        RoutingTable t = new RoutingTable(self.id(), K, 2, false, Swarm.START);
        List<List<NodeInfo>> byBucket = new ArrayList<>();
        for (int b = 0; b < NodeId.BITS; b++) byBucket.add(new ArrayList<>());
        // Ids sorted by distance to zero are sorted numerically, so each bucket is a contiguous run; a scan is simpler.
        for (NodeInfo o : sortedFromZero) {
            int b = self.id().commonPrefixBits(o.id());
            if (b < NodeId.BITS) byBucket.get(b).add(o);
        }
        for (List<NodeInfo> bucket : byBucket) {
            for (int i = 0; i < Math.min(K, bucket.size()); i++) {
                int j = i + random.nextInt(bucket.size() - i);
                NodeInfo pick = bucket.get(j);
                bucket.set(j, bucket.get(i));
                bucket.set(i, pick);
                t.seen(pick, Swarm.START);
            }
        }
        return t;
    }

    /** One lookup in virtual time: every query is answered one round trip after it was sent. */
    private static final class Walk {
        private record Pending(long at, long order, NodeInfo node, CompletableFuture<KrpcResponse> reply) {}

        private final java.util.Map<NodeId, RoutingTable> tables;
        private final PriorityQueue<Pending> pending = new PriorityQueue<>(Comparator.comparingLong(Pending::at).thenComparingLong(Pending::order));
        private long now, order;
        private NodeId target;

        Walk(java.util.Map<NodeId, RoutingTable> tables) {
            this.tables = tables;
        }

        IterativeLookup.Result run(NodeId target, NodeInfo from, RoutingTable own) {
            this.target = target;
            CompletableFuture<IterativeLookup.Result> done = IterativeLookup.run(target, from.id(), own.closest(target, K), K, ALPHA,
                    this::query, node -> true, Runnable::run);
            while (!done.isDone() && !pending.isEmpty()) {
                Pending p = pending.poll();
                now = p.at;
                RoutingTable t = tables.get(p.node.id());
                p.reply.complete(KrpcResponse.of(new byte[] {1, 2}, p.node.id()).withNodes(t.closest(target, K)));
            }
            return done.join();
        }

        private CompletableFuture<KrpcResponse> query(NodeInfo node) {
            CompletableFuture<KrpcResponse> f = new CompletableFuture<>();
            pending.add(new Pending(now + 1, order++, node, f));
            return f;
        }
    }
}
