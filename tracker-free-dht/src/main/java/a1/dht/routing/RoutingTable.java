package a1.dht.routing;

import a1.dht.id.NodeId;
import a1.dht.id.NodeInfo;
import a1.dht.routing.Bucket.Contact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Copy-on-write Kademlia routing table: 160 k-buckets indexed by the length of the prefix a
 * contact shares with our id. Readers take an immutable snapshot; writers swap in a new bucket
 * list atomically, so lookups and status queries never lock.
 */
public final class RoutingTable {

    private final NodeId self;
    private final int k;
    private final int maxFailures;
    private final boolean oneNodePerIp;
    private final AtomicReference<List<Bucket>> buckets;

    /**
     * @param oneNodePerIp keep at most one contact per IP address (the public-DHT defence against one
     *                     host filling buckets); off for local swarms where every node shares an IP
     */
    public RoutingTable(NodeId self, int k, int maxFailures, boolean oneNodePerIp, long nowMillis) {
        this.self = self;
        this.k = k;
        this.maxFailures = maxFailures;
        this.oneNodePerIp = oneNodePerIp;
        List<Bucket> initial = new ArrayList<>(NodeId.BITS);
        for (int i = 0; i < NodeId.BITS; i++) {
            initial.add(Bucket.empty(nowMillis));
        }
        this.buckets = new AtomicReference<>(List.copyOf(initial));
    }

    public NodeId self() {
        return self;
    }

    /** Bucket index of an id: the number of leading bits it shares with ours. */
    public int bucketOf(NodeId id) {
        return self.commonPrefixBits(id);
    }

    /** The node proved it is alive (it answered us, or we decided to trust its query). */
    public void seen(NodeInfo node, long nowMillis) {
        int b = bucketOf(node.id());
        if (b >= NodeId.BITS) {
            return; // our own id
        }
        buckets.updateAndGet(list -> ipTaken(list, node)
                ? list : replace(list, b, list.get(b).seen(node, nowMillis, k, maxFailures)));
    }

    /** A query to the node timed out. */
    public void failed(NodeInfo node) {
        int b = bucketOf(node.id());
        if (b >= NodeId.BITS) {
            return;
        }
        buckets.updateAndGet(list -> replace(list, b, list.get(b).failed(node, maxFailures)));
    }

    /** Whether {@link #seen} would place this id in the live set (used to decide whether to ping it). */
    public boolean wants(NodeId id) {
        int b = bucketOf(id);
        if (b >= NodeId.BITS) {
            return false;
        }
        Bucket bucket = buckets.get().get(b);
        return bucket.indexOf(id) < 0 && bucket.hasRoomFor(k, maxFailures);
    }

    public boolean contains(NodeId id) {
        int b = bucketOf(id);
        return b < NodeId.BITS && buckets.get().get(b).indexOf(id) >= 0;
    }

    /** Up to n live contacts nearest to the target, nearest first. */
    public List<NodeInfo> closest(NodeId target, int n) {
        return nearest(target, n, c -> c.failures() < maxFailures);
    }

    /**
     * Where a lookup starts: the live contacts nearest to the target or, when none is left, the stale ones. A
     * contact that missed a few replies (a loaded machine, lost datagrams) is a better first hop than none, and
     * with only stale contacts a lookup that skipped them would fail until maintenance pinged them again.
     */
    public List<NodeInfo> lookupStart(NodeId target, int n) {
        List<NodeInfo> live = closest(target, n);
        return live.isEmpty() ? nearest(target, n, c -> true) : live;
    }

    private List<NodeInfo> nearest(NodeId target, int n, Predicate<Contact> usable) {
        Comparator<NodeId> byDistance = target.byDistance();
        return buckets.get().stream()
                .flatMap(b -> b.live().stream())
                .filter(usable)
                .map(Contact::node)
                .sorted(Comparator.comparing(NodeInfo::id, byDistance))
                .limit(n)
                .toList();
    }

    /** Records that a refresh lookup for the bucket started, so it is not refreshed again too soon. */
    public void refreshed(int bucket, long nowMillis) {
        buckets.updateAndGet(list -> {
            Bucket b = list.get(bucket);
            return replace(list, bucket, new Bucket(b.live(), b.replacements(), nowMillis));
        });
    }

    public int size() {
        return buckets.get().stream().mapToInt(b -> b.live().size()).sum();
    }

    /** Contacts not heard from since the cutoff: ping them so stale ones get replaced. */
    public List<NodeInfo> questionable(long cutoffMillis) {
        return buckets.get().stream().flatMap(b -> b.live().stream())
                .filter(c -> c.lastSeen() < cutoffMillis)
                .map(Contact::node).toList();
    }

    /**
     * Indexes of buckets unchanged since the cutoff, up to one past the deepest non-empty bucket
     * (deeper buckets are empty in any network of realistic size and need no refresh).
     */
    public List<Integer> bucketsToRefresh(long cutoffMillis) {
        List<Bucket> list = buckets.get();
        int deepest = -1;
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).live().isEmpty()) {
                deepest = i;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i <= Math.min(deepest + 1, NodeId.BITS - 1); i++) {
            if (list.get(i).lastChanged() < cutoffMillis) {
                out.add(i);
            }
        }
        return out;
    }

    public List<RoutingEntry> snapshot() {
        List<Bucket> list = buckets.get();
        List<RoutingEntry> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            for (Contact c : list.get(i).live()) {
                out.add(new RoutingEntry(c.node().id(), c.node().address(), i, Instant.ofEpochMilli(c.lastSeen()),
                        c.failures()));
            }
        }
        return out;
    }

    /** Whether another id already holds this node's IP while only one node per IP is allowed. */
    private boolean ipTaken(List<Bucket> list, NodeInfo node) {
        if (!oneNodePerIp) {
            return false;
        }
        return list.stream().flatMap(b -> b.live().stream()).anyMatch(c ->
                c.node().address().getAddress().equals(node.address().getAddress()) && !c.node().id().equals(node.id()));
    }

    private static List<Bucket> replace(List<Bucket> list, int index, Bucket bucket) {
        if (list.get(index) == bucket) {
            return list;
        }
        List<Bucket> copy = new ArrayList<>(list);
        copy.set(index, bucket);
        return List.copyOf(copy);
    }
}
