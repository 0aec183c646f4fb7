package a1.dht;

import a1.dht.id.NodeId;
import a1.dht.id.NodeInfo;
import a1.dht.lookup.DhtOperations;
import a1.dht.netty.NettyUdp;
import a1.dht.routing.RoutingEntry;
import a1.dht.routing.RoutingTable;
import a1.dht.rpc.AddressPolicy;
import a1.dht.rpc.QueryHandler;
import a1.dht.rpc.RateLimiter;
import a1.dht.rpc.RpcClient;
import a1.dht.rpc.RpcEndpoint;
import a1.dht.rpc.TokenManager;
import a1.dht.store.Bep44;
import a1.dht.store.Ed25519KeyPair;
import a1.dht.store.ImmutableItem;
import a1.dht.store.ItemStore;
import a1.dht.store.MutableItem;
import a1.dht.store.PeerStore;
import a1.spec.bencode.BString;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A1's mainline DHT node (BEP 5 + BEP 44) on one UDP socket. All state lives on the socket's event
 * loop; public methods may be called from any thread and return futures completed on that loop.
 *
 * <pre>{@code
 * try (DhtNode node = DhtNode.start(InetAddress.ofLiteral("127.0.0.1"), 0,
 *         Bootstrap.parse(List.of("127.0.0.1:6881")), DhtConfig.localSwarm())) {
 *     node.bootstrapped().join();
 *     node.announce(infohash, 7000).join();
 *     node.findPeers(infohash, peer -> System.out.println(peer)).join(); // each peer as it arrives
 * }
 * }</pre>
 */
public final class DhtNode implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DhtNode.class.getName());
    private static final int MAX_TRACKED_SOURCES = 16_384;

    private final DhtConfig config;
    private final NettyUdp udp;
    private final RoutingTable table;
    private final DhtOperations ops;
    private final PeerStore peers;
    private final ItemStore items;
    private final List<InetSocketAddress> bootstrap;
    private final SecureRandom random = new SecureRandom();
    private final CompletableFuture<Void> bootstrapped;
    private final ScheduledFuture<?> maintenance;
    private final RpcClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DhtNode(NodeId id, InetSocketAddress bind, List<InetSocketAddress> bootstrap, DhtConfig config)
            throws IOException {
        this.config = config;
        this.bootstrap = List.copyOf(bootstrap);
        this.udp = new NettyUdp();
        AddressPolicy policy = config.addressPolicy();
        this.table = new RoutingTable(id, config.k(), config.maxFailures(), !config.manyNodesPerIp(),
                System.currentTimeMillis());
        this.peers = new PeerStore(config.maxInfohashes(), config.maxPeersPerInfohash(),
                !config.manyNodesPerIp(), config.peerLifetime().toMillis());
        this.items = new ItemStore(config.maxItems(), config.itemLifetime().toMillis());
        TokenManager tokens = new TokenManager(random, config.tokenRotation().toMillis(), System.currentTimeMillis());
        this.client = new RpcClient(udp, udp.loop(), table, policy, config.requestTimeout(),
                System::currentTimeMillis, random.nextInt());
        QueryHandler handler = new QueryHandler(table, peers, items, tokens, config.k(), config.maxValuesPerReply(),
                random);
        RpcEndpoint endpoint = new RpcEndpoint(client, handler, table, policy,
                new RateLimiter<>(config.queriesPerSecond(), config.queryBurst(), MAX_TRACKED_SOURCES), udp,
                config.amplificationFactor(), System::currentTimeMillis);
        this.ops = new DhtOperations(client, table, policy, config.k(), config.alpha(), config.requestTimeout(), udp.loop());
        udp.bind(bind, RpcEndpoint.MAX_DATAGRAM, endpoint::onDatagram);
        this.bootstrapped = onLoop(this::joinNetwork);
        long every = config.maintenanceInterval().toMillis();
        this.maintenance = udp.loop().scheduleAtFixedRate(this::maintain, every, every, TimeUnit.MILLISECONDS);
    }

    /** Binds a node with a random id and starts joining through the bootstrap contacts. */
    public static DhtNode start(InetAddress bindAddress, int port, List<InetSocketAddress> bootstrap, DhtConfig config)
            throws IOException {
        return start(bindAddress, port, bootstrap, config, NodeId.random(new SecureRandom()));
    }

    /** As {@link #start(InetAddress, int, List, DhtConfig)} with a chosen node id. */
    public static DhtNode start(InetAddress bindAddress, int port, List<InetSocketAddress> bootstrap, DhtConfig config,
                                NodeId id) throws IOException {
        return new DhtNode(id, new InetSocketAddress(bindAddress, port), bootstrap, config);
    }

    /** Completes once the bootstrap contacts were asked and a lookup of our own id finished. */
    public CompletableFuture<Void> bootstrapped() {
        return bootstrapped;
    }

    public NodeId id() {
        return table.self();
    }

    public InetSocketAddress localAddress() {
        return udp.localAddress();
    }

    public DhtConfig config() {
        return config;
    }

    /**
     * Asks the bootstrap contacts again and looks up our own id; completes with the routing-table size. For callers
     * that cannot wait for maintenance to notice an empty table (a lost datagram or a slow contact at start).
     */
    public CompletableFuture<Integer> rejoin() {
        return onLoop(this::joinNetwork).thenApply(r -> table.size());
    }

    /** Looks up our own id again, filling the buckets near us; completes with the routing-table size. */
    public CompletableFuture<Integer> refresh() {
        return onLoop(() -> ops.findNode(table.self())).thenApply(r -> table.size());
    }

    /** Announces this host as a peer for the infohash; completes with how many nodes stored it. */
    public CompletableFuture<Integer> announce(NodeId infohash, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        return onLoop(() -> ops.announce(infohash, port));
    }

    /**
     * Streams the peers announced for the infohash: each distinct peer goes to {@code onPeer} once, as soon as a
     * get_peers reply carries it, while the lookup goes on. Completes with the number of peers delivered when the
     * lookup ends. {@code onPeer} runs on the node's event loop: it must be quick and must not block on the node.
     */
    public CompletableFuture<Integer> findPeers(NodeId infohash, Consumer<InetSocketAddress> onPeer) {
        return onLoop(() -> ops.findPeers(infohash, onPeer));
    }

    /** Every peer {@link #findPeers(NodeId, Consumer)} delivers, in order of arrival, once the lookup ends. */
    public CompletableFuture<Set<InetSocketAddress>> findPeers(NodeId infohash) {
        Set<InetSocketAddress> peers = new LinkedHashSet<>(); // filled on the event loop, read after completion
        return findPeers(infohash, peers::add).thenApply(n -> peers);
    }

    /** Stores bytes as a BEP 44 immutable item; completes with its key once at least one node holds it. */
    public CompletableFuture<NodeId> putImmutable(byte[] value) {
        ImmutableItem item = new ImmutableItem(new BString(value));
        return onLoop(() -> ops.putImmutable(item)).thenApply(stored -> {
            if (stored == 0) {
                throw new IllegalStateException("no node accepted immutable item " + item.target());
            }
            return item.target();
        });
    }

    /** The bytes stored under the key, if some node has an item (a byte string) hashing to it. */
    public CompletableFuture<Optional<byte[]>> getImmutable(NodeId key) {
        return onLoop(() -> ops.getImmutable(key)).thenApply(found -> found
                .filter(i -> i.value() instanceof BString)
                .map(i -> ((BString) i.value()).bytes()));
    }

    /**
     * Signs and stores a BEP 44 mutable item. With {@code cas}, nodes holding another seq refuse it.
     * Completes with how many nodes accepted it; fails when none did.
     */
    public CompletableFuture<Integer> putMutable(Ed25519KeyPair keys, byte[] salt, byte[] value, long seq,
                                                 OptionalLong cas) {
        MutableItem item = Bep44.sign(keys, salt, seq, new BString(value));
        return onLoop(() -> ops.putMutable(item, cas)).thenApply(stored -> {
            if (stored == 0) {
                throw new IllegalStateException("no node accepted mutable item seq " + seq
                        + " (stale seq or CAS mismatch everywhere?)");
            }
            return stored;
        });
    }

    /** The newest correctly signed item for the public key and salt (empty salt for none). */
    public CompletableFuture<Optional<MutableItem>> getMutable(byte[] publicKey, byte[] salt) {
        return onLoop(() -> ops.getMutable(publicKey, salt));
    }

    /** Every distinct correctly signed item for the public key and salt that the lookup met, highest seq first. */
    public CompletableFuture<List<MutableItem>> getMutableAll(byte[] publicKey, byte[] salt) {
        return onLoop(() -> ops.getMutableAll(publicKey, salt));
    }

    /**
     * Our external IP as at least three responding hosts report it, once known. A node on the public
     * DHT can restart with {@code Bep42.generate(ip, random)} as its id to satisfy BEP 42.
     */
    public CompletableFuture<Optional<InetAddress>> externalAddress() {
        return CompletableFuture.supplyAsync(client::externalAddress, udp.loop());
    }

    /** A snapshot of the routing table (for {@code a1 swarm status}). */
    public List<RoutingEntry> routingTable() {
        return table.snapshot();
    }

    /** Stops the node; pending operations fail. Closing twice is harmless. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        maintenance.cancel(false);
        udp.loop().execute(client::cancelAll);
        udp.close();
    }

    private CompletableFuture<Void> joinNetwork() {
        return ops.contact(bootstrap).thenCompose(v -> ops.findNode(table.self())).thenApply(r -> null);
    }

    /** Periodic upkeep: expiry, pings to contacts gone quiet, refresh of idle buckets, re-bootstrap. */
    private void maintain() {
        try {
            maintainOnce();
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again; log and keep the node maintained.
            LOG.log(System.Logger.Level.WARNING, "DHT maintenance failed: " + e.getMessage(), e);
        }
    }

    private void maintainOnce() {
        long now = System.currentTimeMillis();
        peers.expire(now);
        items.expire(now);
        if (table.size() == 0 && !bootstrap.isEmpty()) {
            joinNetwork();
            return;
        }
        long quietCutoff = now - config.bucketRefresh().toMillis();
        table.questionable(quietCutoff).forEach(ops::pingContact);
        for (int bucket : table.bucketsToRefresh(quietCutoff)) {
            table.refreshed(bucket, now);
            ops.findNode(table.self().randomWithPrefix(bucket, random));
        }
    }

    private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> action) {
        return CompletableFuture.supplyAsync(action, udp.loop()).thenCompose(f -> f);
    }

    @Override
    public String toString() {
        return "DhtNode[" + table.self() + " @ " + udp.localAddress() + ", " + table.size() + " contacts]";
    }

    /** The node's own contact, handy for bootstrap lists in tests. */
    public NodeInfo contact() {
        return new NodeInfo(table.self(), udp.localAddress());
    }
}
