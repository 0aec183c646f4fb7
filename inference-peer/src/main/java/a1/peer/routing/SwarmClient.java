package a1.peer.routing;

import a1.kernels.Parallel;
import a1.peer.forward.EmbeddingHead;
import a1.peer.forward.LayerStack;
import a1.peer.model.LlamaConfig;
import a1.peer.model.ModelWeights;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.spec.gguf.GgufException;
import a1.spec.gguf.GgufFile;
import a1.spec.model.LayerRange;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import a1.peer.gossip.GossipService;
import a1.peer.gossip.GossipState;
import a1.swarm.Discovery;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.file.Path;

/**
 * The client end of the swarm: only the embedding and output head of the model (no transformer block) and
 * connections to peers. Each {@link #newSession} runs its layers on a chain the directory offers, audited as its
 * {@link Verification} says; peers caught lying are banned for the client's lifetime, across its sessions.
 */
public final class SwarmClient implements AutoCloseable {
    private final GgufFile gguf;
    private final Parallel pool;
    private final EmbeddingHead ends;
    private final PeerConnector connector;
    private final String modelId;
    private final PeerDirectory directory;
    private final long replanMillis;
    private final PeerIdentity self;
    private final Verification verification;
    /** Peers caught returning wrong activations: never used again by this client. */
    private final Set<String> banned = ConcurrentHashMap.newKeySet();
    private AutoCloseable gossip = () -> {};

    private SwarmClient(GgufFile gguf, Parallel pool, EmbeddingHead ends, PeerConnector connector, String modelId, PeerDirectory directory,
                        long replanMillis, PeerIdentity self, Verification verification) {
        this.gguf = gguf;
        this.pool = pool;
        this.ends = ends;
        this.connector = connector;
        this.modelId = modelId;
        this.directory = directory;
        this.replanMillis = replanMillis;
        this.self = self;
        this.verification = verification;
    }

    /**
     * @param requestTimeoutMillis how long a peer may take to answer one request before it counts as failed
     * @param replanMillis         how long to wait for a peer to appear for layers nobody reachable serves
     * @param verification         how to check the peers' activations; {@code self} signs the accusations
     */
    public static SwarmClient open(Path model, String modelId, PeerDirectory directory, PeerIdentity self, RelayConfig relay,
                                   long requestTimeoutMillis, long replanMillis, Verification verification, int threads) throws IOException {
        GgufFile gguf = GgufFile.open(model);
        try {
            LlamaConfig c = LlamaConfig.of(gguf);
            Parallel pool = new Parallel(threads);
            return new SwarmClient(gguf, pool, new EmbeddingHead(ModelWeights.loadEnds(gguf, c), pool),
                    new PeerConnector(self, relay, requestTimeoutMillis), modelId, directory, replanMillis, self, verification);
        } catch (IOException | RuntimeException e) {
            gguf.close();
            throw e;
        }
    }

    /**
     * A client of the swarm that {@code bootstrap} belongs to, for the local GGUF {@code model} (its model id is
     * {@code sha256:} and the file's hash): it learns the peers by gossip, once now and then every two seconds.
     */
    public static SwarmClient join(Path model, List<InetSocketAddress> bootstrap, int threads) throws IOException {
        return join(model, bootstrap, null, threads);
    }

    /** As {@link #join(Path, List, int)}, also finding peers through {@code discovery} (the DHT) when not null. */
    public static SwarmClient join(Path model, List<InetSocketAddress> bootstrap, Discovery discovery, int threads) throws IOException {
        return join(model, a1.peer.node.PeerNode.localModelId(model), bootstrap, discovery, threads);
    }

    /**
     * As {@link #join(Path, List, Discovery, int)} for peers that serve {@code model} under {@code modelId}: the
     * published model id when they fetched it from the weights swarm.
     */
    public static SwarmClient join(Path model, String modelId, List<InetSocketAddress> bootstrap, Discovery discovery, int threads) throws IOException {
        PeerIdentity self = PeerIdentity.generate();
        GossipState state = new GossipState(modelId, LlamaConfig.read(model).layers(), 60_000, System::currentTimeMillis);
        SwarmClient c = open(model, modelId, state, self, RelayConfig.defaults(), 30_000, 30_000, Verification.DEFAULT, threads);
        GossipService service = new GossipService(state, Optional::empty, c.connector, bootstrap, discovery);
        service.round();
        service.start(2_000);
        c.gossip = service;
        return c;
    }

    public GgufFile gguf() {
        return gguf;
    }

    public LlamaConfig config() {
        return ends.config();
    }

    /** A new sequence over the swarm; sessions share this client's scratch, so use one at a time. */
    public SwarmSession newSession(int capacity, CacheType cache, Encoding encoding) {
        SessionSpec spec = new SessionSpec(modelId, Math.min(capacity, ends.config().contextLength()), cache, encoding, ends.config().dim());
        return new SwarmSession(ends, spec, directory, connector, replanMillis, verification, self, banned, this::localLayers);
    }

    /** The peers this client caught returning wrong activations. */
    public Set<String> banned() {
        return Set.copyOf(banned);
    }

    /** Layers from this client's own copy of the model, for {@link Verification#local} audits (mapped, so cheap). */
    private LayerStack localLayers(LayerRange layers) {
        try {
            return new LayerStack(ModelWeights.load(gguf, ends.config(), new ModelWeights.Parts(layers, false, false)), pool);
        } catch (GgufException e) {
            throw new IllegalStateException("cannot load layers " + layers + " of " + gguf.path().getFileName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            gossip.close();
        } catch (Exception e) {
            // stopping a timer does not fail
        }
        connector.close();
        pool.close();
        gguf.close();
    }
}
