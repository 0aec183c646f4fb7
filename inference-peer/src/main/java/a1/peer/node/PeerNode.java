package a1.peer.node;

import a1.kernels.Parallel;
import a1.peer.model.LlamaConfig;
import a1.peer.model.ModelWeights;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.peer.relay.RelayServer;
import a1.peer.relay.SessionTable;
import a1.spec.gguf.GgufException;
import a1.spec.gguf.GgufFile;
import a1.spec.manifest.Sha256;
import a1.spec.model.LayerRange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HexFormat;

/** A serving peer: the blocks of one layer range of a GGUF, mapped, behind a relay server. */
public final class PeerNode implements AutoCloseable {
    private final GgufFile gguf;
    private final Parallel pool;
    private final RelayServer server;
    private final SessionTable table;
    private final LlamaConfig config;
    private final PeerIdentity identity;

    private PeerNode(GgufFile gguf, Parallel pool, RelayServer server, SessionTable table, LlamaConfig config, PeerIdentity identity) {
        this.identity = identity;
        this.gguf = gguf;
        this.pool = pool;
        this.server = server;
        this.table = table;
        this.config = config;
    }

    /** Loads {@code range} of {@code model} (all layers when null) and listens on {@code bind}. */
    public static PeerNode start(Path model, String modelId, LayerRange range, PeerIdentity self, RelayConfig relay,
                                 InetSocketAddress bind, int threads) throws IOException {
        GgufFile gguf = GgufFile.open(model);
        Parallel pool = null;
        try {
            LlamaConfig c;
            try {
                c = LlamaConfig.from(gguf.metadata());
            } catch (IllegalArgumentException e) {
                throw new GgufException(model.getFileName() + ": " + e.getMessage());
            }
            LayerRange r = range == null ? LayerRange.all(c.layers()) : range;
            ModelWeights w = ModelWeights.load(gguf, c, new ModelWeights.Parts(r, false, false));
            pool = new Parallel(threads);
            SessionTable table = new SessionTable(modelId, w, pool, relay, System::nanoTime);
            return new PeerNode(gguf, pool, RelayServer.start(table, self, relay, bind), table, c, self);
        } catch (IOException | RuntimeException e) {
            if (pool != null) pool.close();
            gguf.close();
            throw e;
        }
    }

    /** The model id of a local GGUF file: "sha256:" and the file's SHA-256 in hex. */
    public static String localModelId(Path model) throws IOException {
        return "sha256:" + HexFormat.of().formatHex(Sha256.of(model));
    }

    public InetSocketAddress address() {
        return server.address();
    }

    public PeerIdentity identity() {
        return identity;
    }

    public LayerRange range() {
        return table.range();
    }

    public LlamaConfig config() {
        return config;
    }

    /** Open sessions right now. */
    public int load() {
        try {
            return server.onComputeThread(table::size);
        } catch (Exception e) {
            return 0;
        }
    }

    @Override
    public void close() {
        server.close();
        pool.close();
        gguf.close();
    }
}
