package a1.swarm.dht;

import a1.dht.DhtNode;
import a1.spec.bencode.BString;
import a1.dht.id.NodeId;
import a1.dht.store.Ed25519KeyPair;
import a1.dht.store.MutableItem;
import a1.spec.manifest.InfoHash;
import a1.spec.manifest.ManifestException;
import a1.spec.manifest.ModelId;
import a1.spec.sign.SignedManifest;
import a1.swarm.Discovery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@link Discovery} on the mainline DHT (SPEC.md section 9). Weight seeders are announced under the
 * torrent's info-hash; a signed manifest is stored as a tree of BEP 44 immutable items found through a mutable
 * index item whose key pair derives from the model id. What this node announced or published is repeated on a
 * schedule, because DHT nodes forget announcements after 30 minutes and items after about 2 hours.
 */
public final class DhtDiscovery implements Discovery, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Items stored or fetched at once (a manifest tree of a large model has dozens). */
    private static final int PARALLEL_OPS = 8;
    /** Stores are tried this often, with growing pauses, before a caller sees the failure (a lost or late reply). */
    private static final int STORE_ATTEMPTS = 3;

    private final DhtNode node;
    private final Map<InfoHash, Integer> announced = new ConcurrentHashMap<>();
    private final Map<ModelId, byte[]> published = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "a1-dht-refresh");
        t.setDaemon(true);
        return t;
    });

    /** Uses a running node (the caller closes it) and repeats announcements and puts at the given periods. */
    public DhtDiscovery(DhtNode node, Duration reannounce, Duration reput) {
        this.node = node;
        long announceEvery = Math.max(1, reannounce.toMillis()), putEvery = Math.max(1, reput.toMillis());
        refresher.scheduleAtFixedRate(this::reannounce, announceEvery, announceEvery, TimeUnit.MILLISECONDS);
        refresher.scheduleAtFixedRate(this::reput, putEvery, putEvery, TimeUnit.MILLISECONDS);
    }

    /** Re-announces every 15 minutes and re-puts every 30: half the BEP 5 peer lifetime, a quarter of BEP 44's. */
    public DhtDiscovery(DhtNode node) {
        this(node, Duration.ofMinutes(15), Duration.ofMinutes(30));
    }

    @Override
    public void announce(InfoHash infoHash, int port) throws IOException {
        announced.put(infoHash, port);
        retried(() -> {
            int stored = await(node.announce(DhtKeys.weightPeers(infoHash), port), "announce " + infoHash);
            if (stored == 0) throw new IOException("no DHT node accepted the announcement of " + infoHash + " (is the DHT reachable?)");
        });
    }

    @Override
    public List<InetSocketAddress> findPeers(InfoHash infoHash) throws IOException {
        return List.copyOf(await(node.findPeers(DhtKeys.weightPeers(infoHash)), "find peers of " + infoHash));
    }

    @Override
    public CompletableFuture<Void> findPeers(InfoHash infoHash, Consumer<InetSocketAddress> onPeer) {
        return node.findPeers(DhtKeys.weightPeers(infoHash), onPeer).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).thenApply(n -> null);
    }

    @Override
    public void publishManifest(byte[] signedManifest) throws IOException {
        ModelId id = SignedManifest.decode(signedManifest).modelId(); // never publish what readers would reject
        published.put(id, signedManifest.clone());
        retried(() -> put(id, signedManifest));
    }

    @Override
    public Optional<byte[]> resolveManifest(ModelId id) throws IOException {
        Ed25519KeyPair keys = DhtKeys.manifestIndex(id);
        List<MutableItem> candidates = await(node.getMutableAll(keys.publicKey(), new byte[0]), "get the manifest index of " + id);
        // Anyone can sign an index (its key is public): try each, newest first, and keep the first that verifies.
        for (MutableItem item : candidates) {
            try {
                if (!(item.value() instanceof BString v)) continue;
                byte[] bytes = walk(ManifestIndex.decode(v.bytes()));
                SignedManifest.decode(bytes, id);
                return Optional.of(bytes);
            } catch (IllegalArgumentException | ManifestException e) {
                // a forged or stale index, or a tree that does not reassemble to this model: try the next one
            }
        }
        return Optional.empty();
    }

    /** Stops the schedule; the node stays up (its owner closes it). */
    @Override
    public void close() {
        refresher.shutdownNow();
    }

    private void put(ModelId id, byte[] signedManifest) throws IOException {
        ManifestTree.Built tree = ManifestTree.build(signedManifest);
        // in batches: each put is a lookup plus stores, and DHT nodes rate-limit queries per source address
        for (int i = 0; i < tree.items().size(); i += PARALLEL_OPS) {
            List<CompletableFuture<NodeId>> puts = tree.items().subList(i, Math.min(tree.items().size(), i + PARALLEL_OPS)).stream()
                    .map(node::putImmutable).toList();
            await(CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)), "store the manifest items of " + id);
        }
        // seq: the time in seconds, or one above the highest seq seen (a forged index may have raised it); nodes
        // refuse a lower seq, so this lets a re-put replace an earlier or forged index
        Ed25519KeyPair keys = DhtKeys.manifestIndex(id);
        long highest = await(node.getMutableAll(keys.publicKey(), new byte[0]), "get the manifest index of " + id).stream()
                .mapToLong(MutableItem::seq).max().orElse(-1);
        if (highest == Long.MAX_VALUE) throw new IOException("the manifest index of " + id + " is pinned at the largest seq (a forged index); it cannot be replaced until it expires");
        long seq = Math.max(System.currentTimeMillis() / 1000, highest + 1);
        await(node.putMutable(keys, new byte[0], tree.index().encode(), seq, OptionalLong.empty()),
                "store the manifest index of " + id);
    }

    /** Fetches the tree level by level and returns the leaves' bytes; fails on a missing item or a bad shape. */
    private byte[] walk(ManifestIndex index) throws IOException {
        List<NodeId> level = List.of(index.root());
        for (int d = index.depth(); d > 0; d--) {
            List<NodeId> next = new ArrayList<>();
            for (byte[] node : getAll(level)) next.addAll(ManifestTree.children(node));
            if (next.size() > ManifestTree.leaves(index.length())) { // no level is wider than the leaves: bounds the walk
                throw new IllegalArgumentException("manifest tree is wider than its length allows");
            }
            level = next;
        }
        if (level.size() != ManifestTree.leaves(index.length())) {
            throw new IllegalArgumentException("manifest tree has " + level.size() + " leaves, its length needs " + ManifestTree.leaves(index.length()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(index.length());
        for (byte[] leaf : getAll(level)) {
            if (out.size() + leaf.length > index.length()) throw new IllegalArgumentException("manifest tree is longer than its index says");
            out.writeBytes(leaf);
        }
        if (out.size() != index.length()) throw new IllegalArgumentException("manifest tree is shorter than its index says");
        return out.toByteArray();
    }

    private List<byte[]> getAll(List<NodeId> keys) throws IOException {
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += PARALLEL_OPS) {
            List<CompletableFuture<Optional<byte[]>>> gets = keys.subList(i, Math.min(keys.size(), i + PARALLEL_OPS)).stream().map(node::getImmutable).toList();
            for (int j = 0; j < gets.size(); j++) {
                NodeId key = keys.get(i + j);
                values.add(await(gets.get(j), "get manifest item " + key).orElseThrow(() -> new IllegalArgumentException("manifest item " + key + " not found")));
            }
        }
        return values;
    }

    private void reannounce() {
        announced.forEach((infoHash, port) -> {
            try {
                announce(infoHash, port);
            } catch (IOException e) {
                // the next round retries; a DHT outage must not stop the schedule
            }
        });
    }

    private void reput() {
        published.forEach((id, bytes) -> {
            try {
                put(id, bytes);
            } catch (IOException e) {
                // as above
            }
        });
    }

    private interface Store {
        void run() throws IOException;
    }

    /** Runs an idempotent store again after a failure, since one late reply under load must not fail a seeder. */
    private static void retried(Store store) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                store.run();
                return;
            } catch (IOException e) {
                if (attempt == STORE_ATTEMPTS) throw e;
                try {
                    Thread.sleep(1_000L << (attempt - 1));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static <T> T await(CompletableFuture<T> f, String what) throws IOException {
        try {
            return f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("DHT: could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("DHT: could not " + what + " within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("DHT: interrupted while trying to " + what);
        }
    }
}
