package a1.peer.node;

import a1.kernels.Parallel;
import a1.peer.gossip.GossipService;
import a1.peer.gossip.GossipState;
import a1.peer.gossip.LayerAssignment;
import a1.peer.model.LlamaConfig;
import a1.peer.model.ModelWeights;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayServer;
import a1.peer.relay.SessionTable;
import a1.peer.relay.SessionTables;
import a1.peer.routing.PeerConnector;
import a1.spec.Digests;
import a1.spec.gguf.GgufException;
import a1.spec.gguf.GgufFile;
import a1.spec.gossip.Announcement;
import a1.spec.model.LayerRange;
import a1.swarm.Discovery;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A serving peer: the blocks of one layer range of a GGUF (mapped, so loading a range is cheap), a relay server,
 * and gossip. Without a fixed range it learns the swarm first, takes the window {@link LayerAssignment} gives, and
 * later moves when that lifts the swarm's bottleneck enough; it gets the new range's weights from its
 * {@link LayerSource} (which may fetch them) and serves them before it stops announcing the old range, and the old
 * range's open sessions run on until they end. {@link #leave} takes it out of the swarm without failing sessions.
 */
public final class PeerNode implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PeerNode.class.getName());

    private final PeerOptions options;
    private final LayerSource source;
    /** Every file this peer has mapped, the one it serves from last: sessions of a range it left may still read the others. */
    private final List<GgufFile> files = new CopyOnWriteArrayList<>();
    private final LlamaConfig config;
    private final Parallel pool;
    private final double secondsPerLayer;
    private final GossipState state;
    private final PeerConnector connector;
    private final GossipService gossip;
    private final SessionTables tables;
    private final RelayServer server;
    private final ScheduledExecutorService balancer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rebalance");
        t.setDaemon(true);
        return t;
    });
    private volatile LayerRange range;
    private final Rebalancer rebalancer;
    private volatile boolean leaving;
    private final AtomicBoolean closed = new AtomicBoolean();
    private long sequence;

    private PeerNode(PeerOptions o, Discovery discovery, LayerSource source, GgufFile metadata, LlamaConfig config, Parallel pool) throws IOException {
        this.options = o;
        this.source = source;
        this.files.add(metadata);
        this.config = config;
        this.pool = pool;
        long ttl = o.gossipEvery().toMillis() * 5;
        this.state = new GossipState(o.modelId(), config.layers(), ttl * 2, System::currentTimeMillis);
        this.connector = new PeerConnector(o.identity(), o.relay(), Math.max(2_000, ttl));
        this.gossip = new GossipService(state, this::announcement, connector, o.bootstrap(), discovery);
        this.range = o.layers() != null ? o.layers() : chooseRange();
        GgufFile weights = fileHolding(range);
        this.secondsPerLayer = Throughput.secondsPerLayer(load(weights, new LayerRange(range.start(), range.start() + 1)), pool);
        this.tables = new SessionTables(table(weights, range));
        this.server = RelayServer.start(tables, gossip::answer, o.identity(), o.relay(), o.bind());
        this.rebalancer = new Rebalancer(o.settle().toNanos(), new java.util.SplittableRandom(), System.nanoTime());
        gossip.start(o.gossipEvery().toMillis());
        if (o.layers() == null) balancer.scheduleWithFixedDelay(this::rebalanceQuietly, o.settle().toMillis(), o.gossipEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    public static PeerNode start(PeerOptions o) throws IOException {
        return start(o, null);
    }

    /** A peer that also finds and is found by others through {@code discovery} (the DHT), when not null. */
    public static PeerNode start(PeerOptions o, Discovery discovery) throws IOException {
        return start(o, discovery, LayerSource.whole(o.model()));
    }

    /**
     * A peer whose weights come from {@code source}; {@code o.model()} need only hold the metadata (the model's
     * shape), and the peer asks {@code source} for each range it serves.
     */
    public static PeerNode start(PeerOptions o, Discovery discovery, LayerSource source) throws IOException {
        GgufFile gguf = GgufFile.open(o.model());
        Parallel pool = null;
        try {
            LlamaConfig c = LlamaConfig.of(gguf);
            if (o.layers() != null && !o.layers().within(c.layers())) throw new IllegalArgumentException("layers " + o.layers() + " are outside the model's " + c.layers() + " layers");
            pool = new Parallel(o.threads());
            return new PeerNode(o, discovery, source, gguf, c, pool);
        } catch (IOException | RuntimeException e) {
            if (pool != null) pool.close();
            gguf.close();
            throw e;
        }
    }

    /** The model id of a local GGUF file: "sha256:" and the file's SHA-256 in hex. */
    public static String localModelId(Path model) throws IOException {
        return "sha256:" + HexFormat.of().formatHex(Digests.sha256(model));
    }

    private ModelWeights load(GgufFile g, LayerRange r) throws GgufException {
        return ModelWeights.load(g, config, new ModelWeights.Parts(r, false, false));
    }

    private SessionTable table(GgufFile g, LayerRange r) throws GgufException {
        return new SessionTable(options.modelId(), load(g, r), pool, options.relay(), System::nanoTime);
    }

    /** The mapped file that holds {@code r}, from the source (which may fetch it first); a file mapped before is reused. */
    private GgufFile fileHolding(LayerRange r) throws IOException {
        Path p = source.holding(r);
        for (GgufFile g : files) if (g.path().equals(p)) return g;
        GgufFile g = GgufFile.open(p);
        files.add(g);
        return g;
    }

    /** Learns the swarm from the bootstrap peers, then takes the weakest window of this peer's capacity. */
    private LayerRange chooseRange() {
        gossip.round();
        return LayerAssignment.choose(LayerAssignment.perLayer(state.peers(), config.layers()), options.capacity());
    }

    private synchronized Optional<Announcement> announcement() {
        if (server == null || leaving) return Optional.empty();
        return Optional.of(sign(options.gossipEvery().toMillis() * 5));
    }

    /** A fresh announcement of the current range that lives {@code ttlMillis}. */
    private synchronized Announcement sign(long ttlMillis) {
        LayerRange r = range;
        long now = System.currentTimeMillis();
        sequence = Math.max(sequence + 1, now);
        PeerIdentity id = options.identity();
        return Announcement.sign(id.publicKey(), options.advertised(), server.address().getPort(), options.modelId(), r,
                Throughput.tokensPerSecond(secondsPerLayer, r.size()), tables.size(), sequence, now + ttlMillis, id::sign);
    }

    /** Moves when the {@link Rebalancer} says so. */
    private void rebalanceQuietly() {
        try {
            Optional<LayerRange> target = rebalancer.check(System.nanoTime(), state.peers(), options.identity().hexId(), config.layers(), options.capacity(), options.threshold());
            if (target.isPresent()) moveTo(target.get());
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "re-balance failed: " + e.getMessage());
        }
    }

    /** Serves {@code next} from now on, once its weights are at hand; sessions already open on the old range keep running. */
    public void moveTo(LayerRange next) throws Exception {
        SessionTable t = table(fileHolding(next), next);
        server.onServerThread(() -> {
            tables.switchTo(t);
            return null;
        });
        LOG.log(System.Logger.Level.INFO, "moving from layers " + range + " to " + next);
        range = next;
        rebalancer.moved(System.nanoTime());
        gossip.round();
    }

    public PeerIdentity identity() {
        return options.identity();
    }

    public InetSocketAddress address() {
        return server.address();
    }

    /** Time this peer has spent answering forward requests ({@link SessionTables#forwardNanos}). */
    public long forwardNanos() {
        return tables.forwardNanos();
    }

    public LayerRange range() {
        return range;
    }

    public LlamaConfig config() {
        return config;
    }

    public GossipState gossipState() {
        return state;
    }

    /**
     * Leaves the swarm without failing sessions: stops moving, tells the peers it gossips with that its announcement
     * ends one gossip period from now (so clients stop choosing it within about that time, instead of the five
     * periods an announcement lives), stops announcing, then waits up to {@code drain} for open sessions to end.
     * The server keeps serving meanwhile; {@link #close} stops it.
     *
     * @return the sessions still open when it stopped waiting
     */
    public int leave(Duration drain) throws InterruptedException {
        balancer.shutdownNow();
        gossip.close();
        synchronized (this) {
            state.offer(sign(options.gossipEvery().toMillis()));
            leaving = true;
        }
        gossip.round();
        long deadline = System.nanoTime() + drain.toNanos();
        while (tables.size() > 0 && System.nanoTime() < deadline) Thread.sleep(100);
        return tables.size();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        balancer.shutdownNow();
        gossip.close();
        server.close();
        connector.close();
        pool.close();
        files.forEach(GgufFile::close);
    }
}
