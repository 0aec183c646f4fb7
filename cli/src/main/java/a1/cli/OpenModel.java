package a1.cli;

import a1.cli.options.NetworkOptions;
import a1.cli.options.StoreOption;
import a1.cli.swarm.ModelFiles;
import a1.cli.swarm.Network;
import a1.peer.LocalModel;
import a1.peer.forward.Session;
import a1.peer.kv.KvType;
import a1.peer.model.LlamaConfig;
import a1.peer.routing.SwarmClient;
import a1.peer.routing.SwarmSession;
import a1.spec.gguf.GgufMetadata;
import a1.spec.manifest.ModelId;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import a1.swarm.FetchResult;
import a1.swarm.ShardSelection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A model a command generates with: either a GGUF file loaded whole here, or a swarm client. The client fetches
 * from the weights swarm only the metadata (tokenizer), embedding and output head shards, verifies them, and runs
 * every transformer layer on the peers that serve the model, found through the DHT under the model's meeting key.
 */
public final class OpenModel implements AutoCloseable {
    private final String name;
    private final LlamaConfig config;
    private final GgufMetadata metadata;
    private final int context;
    private final KvType kvType;
    private final LocalModel local;
    private final SwarmClient client;
    /** The network this model opened for itself, closed with it. */
    private Network owned;

    private OpenModel(String name, LlamaConfig config, GgufMetadata metadata, int ctx, KvType kvType, LocalModel local, SwarmClient client) {
        if (ctx < 2) throw new IllegalArgumentException("--ctx must be at least 2 tokens");
        this.name = name;
        this.config = config;
        this.metadata = metadata;
        this.context = Math.min(ctx, config.contextLength());
        this.kvType = kvType;
        this.local = local;
        this.client = client;
    }

    /**
     * {@code model} is a GGUF file, run here or, with {@code swarm}, on the peers that serve the same file; or a model
     * id, run on the swarm, joined on {@code port} (0: any free one).
     */
    public static OpenModel open(String model, boolean swarm, int port, int ctx, KvType kvType, NetworkOptions net, StoreOption store, int threads) throws IOException {
        Path file = Path.of(model);
        boolean isFile = Files.isRegularFile(file);
        if (isFile && !swarm) return local(ModelLoader.open(file, threads), nameOf(file), ctx, kvType);
        if (!isFile && !model.matches("[0-9a-fA-F]{64}")) {
            if (model.toLowerCase().endsWith(".gguf") || model.contains(java.io.File.separator)) throw new java.nio.file.NoSuchFileException(model);
            throw new IllegalArgumentException(model + " is neither a GGUF file nor a model id (64 hex digits)");
        }
        if (net.contacts().isEmpty()) {
            throw new IllegalArgumentException("to run " + model + " on the swarm, give --bootstrap HOST:PORT (a DHT contact) or set bootstrap in config.toml");
        }
        Network network = Network.join(net, port);
        try {
            OpenModel m;
            if (isFile) {
                m = onPeersOfFile(network, file, ctx, kvType, threads);
            } else {
                ModelId id = ModelId.ofHex(model.toLowerCase());
                m = onSwarm(network, id, store.folderOf(id), ctx, kvType, threads);
            }
            m.owned = network;
            return m;
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** A client of the peers that serve a local GGUF file (under the file's hash, as {@code a1 peer --model FILE.gguf} announces it). */
    private static OpenModel onPeersOfFile(Network network, Path file, int ctx, KvType kvType, int threads) throws IOException {
        SwarmClient c = SwarmClient.join(file, List.of(), network.discovery(), threads);
        return new OpenModel(nameOf(file), c.config(), c.gguf().metadata(), ctx, kvType, null, c);
    }

    /** "stories260K" for stories260K.gguf. */
    private static String nameOf(Path file) {
        return file.getFileName().toString().replaceFirst("(?i)\\.gguf$", "");
    }

    /** A model loaded whole in this process; closing this closes it. */
    public static OpenModel local(LocalModel m, String name, int ctx, KvType kvType) {
        return new OpenModel(name, m.config(), m.gguf().metadata(), ctx, kvType, m, null);
    }

    /**
     * A client of the model's swarm over {@code network} (which the caller keeps and closes): fetches the metadata,
     * embedding and head shards into the model folder {@code dir} and verifies them, then finds the peers that serve
     * the layers through the DHT.
     */
    public static OpenModel onSwarm(Network network, ModelId id, Path dir, int ctx, KvType kvType, int threads) throws IOException {
        FetchResult fetched = network.fetch(id, ShardSelection.ends(), dir, "fetching tokenizer, embedding and head");
        System.err.printf("fetched %d shards (metadata, embedding, head; no layer), %d bytes received, verified%n", fetched.shards().size(), fetched.receivedBytes());
        SwarmClient c = SwarmClient.join(ModelFiles.assemble(dir), id.hex(), List.of(), network.discovery(), threads);
        return new OpenModel(id.hex(), c.config(), c.gguf().metadata(), ctx, kvType, null, c);
    }

    /** "stories260K" for a file, the model id for the swarm: what users and API clients call the model. */
    public String name() {
        return name;
    }

    public GgufMetadata metadata() {
        return metadata;
    }

    public LlamaConfig config() {
        return config;
    }

    /** The longest sequence a session holds: --ctx, capped by the model's. */
    public int contextLength() {
        return context;
    }

    public boolean onSwarm() {
        return client != null;
    }

    /** A new, empty sequence of up to {@link #contextLength()} tokens; with the swarm, activations relay as exact F32. */
    public Session newSession() {
        if (local != null) return local.newSession(context, kvType);
        return client.newSession(context, kvType == KvType.F16 ? CacheType.F16 : CacheType.F32, Encoding.F32);
    }

    /** For a swarm session, the chain it ran on (peer, layers, time per call) and its failovers; nothing for a local one. */
    public static void printChain(Session session, PrintStream err) {
        if (!(session instanceof SwarmSession s)) return;
        for (SwarmSession.HopStats h : s.chain()) {
            err.printf("hop: peer %s layers %s, %d calls, %.2f ms per call%n", h.peerId().substring(0, 8), h.layers(), h.calls(), h.nanos() / 1e6 / Math.max(1, h.calls()));
        }
        if (s.failovers() > 0) err.printf("failovers: %d%n", s.failovers());
    }

    @Override
    public void close() {
        if (local != null) local.close();
        if (client != null) client.close();
        if (owned != null) owned.close();
    }
}
