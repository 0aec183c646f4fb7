package a1.dht.lookup;

import a1.dht.id.NodeId;
import a1.dht.id.NodeInfo;
import a1.dht.krpc.KrpcQuery;
import a1.dht.krpc.KrpcResponse;
import a1.dht.krpc.KrpcResponse.ItemFields;
import a1.dht.lookup.IterativeLookup.Reply;
import a1.dht.lookup.IterativeLookup.Result;
import a1.dht.routing.RoutingTable;
import a1.dht.rpc.AddressPolicy;
import a1.dht.rpc.RpcClient;
import a1.dht.store.Bep44;
import a1.dht.store.ImmutableItem;
import a1.dht.store.MutableItem;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The DHT's user-level operations, each an iterative lookup followed (for writes) by a store step
 * to the k closest contacts that handed out a write token. Runs on the node's event loop.
 */
public final class DhtOperations {

    private final RpcClient client;
    private final RoutingTable table;
    private final AddressPolicy policy;
    private final int k;
    private final int alpha;
    /**
     * A query unanswered this long frees its lookup slot ({@link IterativeLookup}): a quarter of the time-out. Its
     * contact is then left out of later lookups until it answers ({@link RpcClient#recentlyUnresponsive}).
     */
    private final long stallMillis;
    private final ScheduledExecutorService loop;

    public DhtOperations(RpcClient client, RoutingTable table, AddressPolicy policy, int k, int alpha, Duration requestTimeout,
                         ScheduledExecutorService loop) {
        this.client = client;
        this.table = table;
        this.policy = policy;
        this.k = k;
        this.alpha = alpha;
        this.stallMillis = Math.max(1, requestTimeout.toMillis() / 4);
        this.loop = loop;
    }

    /**
     * Walks toward {@code target}, filling the routing table; it does not wait for queries past the stall time (a
     * late answer still reaches the table), so contacts that left cost a join a quarter of their time-out.
     */
    public CompletableFuture<Result> findNode(NodeId target) {
        return lookup(target, tid -> new KrpcQuery.FindNode(tid, table.self(), target), r -> { }, r -> false, () -> false);
    }

    /**
     * Hands each distinct peer to {@code onPeer} as soon as a get_peers reply carries it, and completes with how many
     * there were when the lookup ends; once it has found a peer it no longer waits for stalled queries, and replies
     * that arrive after it ends deliver nothing. {@code onPeer} runs on the event loop, so it must be quick; if it
     * throws, the delivery stops and the future fails with its exception.
     */
    public CompletableFuture<Integer> findPeers(NodeId infohash, Consumer<InetSocketAddress> onPeer) {
        Set<InetSocketAddress> delivered = new HashSet<>(); // bounded: MAX_QUERIES replies of one datagram each
        CompletableFuture<Integer> done = new CompletableFuture<>();
        lookup(infohash, tid -> new KrpcQuery.GetPeers(tid, table.self(), infohash), response -> {
            for (InetSocketAddress peer : response.values()) {
                if (done.isDone()) {
                    return;
                }
                if (delivered.add(peer)) {
                    try {
                        onPeer.accept(peer);
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                }
            }
        }, r -> false, delivered::isEmpty).whenComplete((r, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                done.complete(delivered.size());
            }
        });
        return done;
    }

    /** Announces us as a peer; completes with the number of nodes that stored the announcement. */
    public CompletableFuture<Integer> announce(NodeId infohash, int port) {
        return getPeers(infohash).thenCompose(r -> store(r, reply ->
                tid -> new KrpcQuery.AnnouncePeer(tid, table.self(), infohash, port, false, reply.response().token())));
    }

    /** Stores an immutable item; completes with the number of nodes that accepted it. */
    public CompletableFuture<Integer> putImmutable(ImmutableItem item) {
        return get(item.target(), OptionalLong.empty()).thenCompose(r -> store(r, reply ->
                tid -> new KrpcQuery.PutImmutable(tid, table.self(), reply.response().token(), item)));
    }

    /** The value stored under {@code target}; the lookup ends at the first reply that carries it. */
    public CompletableFuture<Optional<ImmutableItem>> getImmutable(NodeId target) {
        return lookup(target, tid -> new KrpcQuery.Get(tid, table.self(), target, OptionalLong.empty()), r -> { },
                r -> immutable(r, target).isPresent(), () -> true)
                .thenApply(r -> r.replies().stream().map(reply -> immutable(reply.response(), target)).flatMap(Optional::stream).findFirst());
    }

    /** The immutable item a reply carries, if it really hashes to the key asked for (BEP 44: the reader checks). */
    private static Optional<ImmutableItem> immutable(KrpcResponse r, NodeId target) {
        ItemFields i = r.item();
        if (i == null || i.value() == null || i.publicKey() != null) {
            return Optional.empty();
        }
        ImmutableItem item = new ImmutableItem(i.value());
        return item.target().equals(target) ? Optional.of(item) : Optional.empty();
    }

    /** Stores a signed mutable item; completes with the number of nodes that accepted it. */
    public CompletableFuture<Integer> putMutable(MutableItem item, OptionalLong cas) {
        return get(item.target(), OptionalLong.empty()).thenCompose(r -> store(r, reply ->
                tid -> new KrpcQuery.PutMutable(tid, table.self(), reply.response().token(), item, cas)));
    }

    /** The newest correctly signed item for the key and salt, if any node has one. */
    public CompletableFuture<Optional<MutableItem>> getMutable(byte[] publicKey, byte[] salt) {
        return getMutableAll(publicKey, salt).thenApply(all -> all.stream().findFirst());
    }

    /**
     * Every distinct correctly signed item the lookup met for the key and salt, highest seq first. Readers whose
     * key is public (anyone can sign) use it to fall back to an older item when the newest one is unusable.
     */
    public CompletableFuture<List<MutableItem>> getMutableAll(byte[] publicKey, byte[] salt) {
        NodeId target = Bep44.mutableTarget(publicKey, salt);
        boolean[] met = {false}; // a reply carried an item of this key: stalled queries need not hold the lookup up
        return lookup(target, tid -> new KrpcQuery.Get(tid, table.self(), target, OptionalLong.empty()),
                r -> met[0] |= carriesItemOf(r, publicKey),
                r -> false, () -> !met[0]).thenApply(r -> {
            List<MutableItem> found = new ArrayList<>();
            for (Reply reply : r.replies()) {
                if (!carriesItemOf(reply.response(), publicKey)) {
                    continue;
                }
                ItemFields i = reply.response().item();
                try {
                    MutableItem item = new MutableItem(i.publicKey(), salt, i.seq(), i.value(), i.signature());
                    if (item.verify()) {
                        found.add(item);
                    }
                } catch (IllegalArgumentException badShape) {
                    // a malformed item from one node is that node's problem; keep the others
                }
            }
            List<MutableItem> distinct = new ArrayList<>();
            for (MutableItem item : found) {
                if (distinct.stream().noneMatch(item::sameAs)) {
                    distinct.add(item);
                }
            }
            distinct.sort(Comparator.comparingLong(MutableItem::seq).reversed());
            return distinct;
        });
    }

    private CompletableFuture<Result> getPeers(NodeId infohash) {
        return lookup(infohash, tid -> new KrpcQuery.GetPeers(tid, table.self(), infohash), r -> { });
    }

    /** Whether the reply carries a mutable item under {@code publicKey} (signature not yet checked). */
    private static boolean carriesItemOf(KrpcResponse r, byte[] publicKey) {
        return r.item() != null && r.item().publicKey() != null && Arrays.equals(r.item().publicKey(), publicKey);
    }

    private CompletableFuture<Result> get(NodeId target, OptionalLong seq) {
        return lookup(target, tid -> new KrpcQuery.Get(tid, table.self(), target, seq), r -> { });
    }

    /** Runs the lookup; {@code onResponse} sees each reply on the event loop as it arrives. */
    private CompletableFuture<Result> lookup(NodeId target, Function<byte[], KrpcQuery> query,
                                             Consumer<KrpcResponse> onResponse) {
        return lookup(target, query, onResponse, r -> false, () -> true);
    }

    /**
     * As above, ending at once after a reply that is {@code enough}, and waiting for stalled queries while
     * {@code awaitStalled} says so (a search for values waits until it has one: a slow node may hold them).
     */
    private CompletableFuture<Result> lookup(NodeId target, Function<byte[], KrpcQuery> query,
                                             Consumer<KrpcResponse> onResponse, Predicate<KrpcResponse> enough,
                                             BooleanSupplier awaitStalled) {
        IterativeLookup.Stalls stalls = new IterativeLookup.Stalls(stallMillis, awaitStalled, node -> client.unanswered(node.address()));
        return IterativeLookup.run(target, table.self(), table.lookupStart(target, k), k, alpha,
                node -> client.call(node.address(), node.id(), query).thenApply(r -> {
                    onResponse.accept(r);
                    return r;
                }), this::worthAsking, enough, stalls, loop);
    }

    /**
     * A contact a lookup may ask: routable, and either in our table (whose own failure count decides about it) or not
     * one whose query recently stalled or timed out, as those of contacts that left do while others still hand them
     * out.
     */
    private boolean worthAsking(NodeInfo node) {
        return policy.routable(node) && (table.contains(node.id()) || !client.recentlyUnresponsive(node.address()));
    }

    /** Sends the write to the k closest repliers that gave a token; counts acceptances. */
    private CompletableFuture<Integer> store(Result result, Function<Reply, Function<byte[], KrpcQuery>> write) {
        List<Reply> targets = result.replies().stream().filter(r -> r.response().token() != null).limit(k).toList();
        List<CompletableFuture<Boolean>> acks = targets.stream()
                .map(reply -> client.call(reply.node().address(), reply.node().id(), write.apply(reply))
                        .handle((KrpcResponse ok, Throwable e) -> e == null))
                .toList();
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .thenApply(v -> (int) acks.stream().filter(CompletableFuture::join).count());
    }

    /** Asks bootstrap contacts, known only by address, for the nodes near us; replies enter the table. */
    public CompletableFuture<Void> contact(List<InetSocketAddress> addresses) {
        CompletableFuture<?>[] calls = addresses.stream()
                .map(a -> client.call(a, null, tid -> new KrpcQuery.FindNode(tid, table.self(), table.self()))
                        .exceptionally(e -> null))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(calls);
    }

    public void pingContact(NodeInfo node) {
        client.call(node.address(), node.id(), tid -> new KrpcQuery.Ping(tid, table.self())).exceptionally(e -> null);
    }
}
