package a1.peer.routing;

import a1.kernels.Parallel;
import a1.peer.forward.EmbeddingHead;
import a1.peer.model.LlamaConfig;
import a1.peer.model.ModelWeights;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.spec.gguf.GgufException;
import a1.spec.gguf.GgufFile;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The client end of the swarm: only the embedding and output head of the model (no transformer block) and
 * connections to peers. Each {@link #newSession} runs its layers on a chain the directory offers.
 */
public final class SwarmClient implements AutoCloseable {
    private final GgufFile gguf;
    private final Parallel pool;
    private final EmbeddingHead ends;
    private final PeerConnector connector;
    private final String modelId;
    private final PeerDirectory directory;
    private final long replanMillis;

    private SwarmClient(GgufFile gguf, Parallel pool, EmbeddingHead ends, PeerConnector connector, String modelId, PeerDirectory directory, long replanMillis) {
        this.gguf = gguf;
        this.pool = pool;
        this.ends = ends;
        this.connector = connector;
        this.modelId = modelId;
        this.directory = directory;
        this.replanMillis = replanMillis;
    }

    /**
     * @param requestTimeoutMillis how long a peer may take to answer one request before it counts as failed
     * @param replanMillis         how long to wait for a peer to appear for layers nobody reachable serves
     */
    public static SwarmClient open(Path model, String modelId, PeerDirectory directory, PeerIdentity self, RelayConfig relay,
                                   long requestTimeoutMillis, long replanMillis, int threads) throws IOException {
        GgufFile gguf = GgufFile.open(model);
        try {
            LlamaConfig c;
            try {
                c = LlamaConfig.from(gguf.metadata());
            } catch (IllegalArgumentException e) {
                throw new GgufException(model.getFileName() + ": " + e.getMessage());
            }
            Parallel pool = new Parallel(threads);
            return new SwarmClient(gguf, pool, new EmbeddingHead(ModelWeights.loadEnds(gguf, c), pool),
                    new PeerConnector(self, relay, requestTimeoutMillis), modelId, directory, replanMillis);
        } catch (IOException | RuntimeException e) {
            gguf.close();
            throw e;
        }
    }

    public GgufFile gguf() {
        return gguf;
    }

    public LlamaConfig config() {
        return ends.config();
    }

    /** A new sequence over the swarm; sessions share this client's scratch, so use one at a time. */
    public SwarmSession newSession(int capacity, CacheType cache, Encoding encoding) {
        return new SwarmSession(ends, modelId, directory, connector, capacity, cache, encoding, replanMillis);
    }

    @Override
    public void close() {
        connector.close();
        pool.close();
        gguf.close();
    }
}
