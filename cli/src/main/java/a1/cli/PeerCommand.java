package a1.cli;

import a1.cli.config.A1Config;
import a1.cli.options.NetworkOptions;
import a1.cli.options.StoreOption;
import a1.cli.swarm.ModelFiles;
import a1.cli.swarm.Network;
import a1.peer.model.LlamaConfig;
import a1.peer.node.LayerSource;
import a1.peer.node.PeerNode;
import a1.peer.node.PeerOptions;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.spec.manifest.ModelId;
import a1.spec.model.LayerRange;
import a1.swarm.FetchResult;
import a1.swarm.ShardSelection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code a1 peer}: serves a range of a model's layers to the swarm until stopped. Peers meet through the DHT under
 * the model's meeting key. With a model id, the peer fetches only the shards of the range it serves, and of each
 * range it later moves to, before it switches. Ctrl-C or SIGTERM makes it leave gracefully.
 */
@Command(name = "peer", mixinStandardHelpOptions = true,
        description = {"Serve a contiguous range of a model's layers to clients and other peers (runs until Ctrl-C or SIGTERM).",
                "Without --layers the peer learns the swarm's gossip, takes the range that most lifts its bottleneck, and re-balances later.",
                "On Ctrl-C/SIGTERM it stops announcing, lets open sessions finish (up to --drain seconds), then exits."})
final class PeerCommand implements Callable<Integer> {
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{64}");
    /** Default key files tried in turn (peer.key, peer-2.key...): more peers than this on one machine give --key. */
    private static final int MAX_DEFAULT_KEYS = 64;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL-ID|FILE.gguf",
            description = "The model: a published model id, whose shards this peer fetches from the weights swarm (only those of the layers it serves); or a local GGUF file.")
    String model;

    @Mixin
    NetworkOptions network;

    @Mixin
    StoreOption store;

    @Option(names = "--port", defaultValue = "0", description = "TCP port the relay listens on (default: any free port).")
    int port;

    @Option(names = "--advertise", paramLabel = "IP", description = "The IP other peers reach this one at (default: the --bind address, or the one that reaches the bootstrap contact).")
    String advertise;

    @Option(names = "--layers", paramLabel = "A-B", description = "Serve exactly these layers (default: choose from the swarm, and re-balance).")
    String layers;

    @Option(names = "--max-layers", paramLabel = "N", description = "When choosing: the most layers this peer holds (default: all).")
    Integer maxLayers;

    @Option(names = "--drain", paramLabel = "SECONDS", defaultValue = "10", description = "On leaving, how long open sessions may run on (default: ${DEFAULT-VALUE}).")
    int drain;

    @Option(names = "--key", paramLabel = "FILE", description = "Ed25519 key file, created (0600) if missing, held while this peer runs (default: peer.key in A1's home folder, $A1_HOME or ~/.a1; or peer-2.key, peer-3.key... when another peer on this machine holds it).")
    Path key;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0-65535, not " + port);
        if (drain < 0) throw new IllegalArgumentException("--drain must be >= 0 seconds");
        if (maxLayers != null && maxLayers < 1) throw new IllegalArgumentException("--max-layers must be at least 1, not " + maxLayers);
        LayerRange fixed = layers == null ? null : LayerRange.parse(layers);
        Path file = Path.of(model);
        boolean local = Files.isRegularFile(file);
        if (!local && !HEX_ID.matcher(model).matches()) throw new IllegalArgumentException(model + " is neither a GGUF file nor a model id (64 hex digits)");
        if (local) LlamaConfig.read(file); // a file A1 cannot run fails here, not after joining the network
        PeerIdentity id = key != null ? PeerIdentity.claim(key).orElseThrow(() -> new IllegalArgumentException("key file " + key
                + " is held by another peer on this machine (two peers with one key would have one id); give this one its own --key FILE"))
                : defaultIdentity(A1Config.home());
        String advertised = advertise != null ? InetAddress.ofLiteral(advertise).getHostAddress() : network.reachableAddress().getHostAddress();
        String who = "peer " + id.hexId().substring(0, 8);
        try (Network net = Network.join(network, 0)) {
            if (network.contacts().isEmpty()) {
                System.err.printf("%s: first node of the DHT at %s:%d (give it to others as --bootstrap)%n", who, advertised, net.dhtAddress().getPort());
            }
            String modelId;
            Path metadata;
            LayerSource source;
            if (local) {
                modelId = PeerNode.localModelId(file);
                metadata = file;
                source = LayerSource.whole(file);
            } else {
                ModelId mid = ModelId.ofHex(model.toLowerCase());
                Path dir = store.folderOf(mid);
                net.fetch(mid, ShardSelection.ends().withEmbedding(false).withHead(false), dir, "fetching metadata");
                modelId = mid.hex();
                metadata = ModelFiles.assemble(dir);
                source = range -> {
                    FetchResult f = net.fetch(mid, ShardSelection.layers(range).withEmbedding(false).withHead(false), dir, "fetching layers " + range);
                    System.err.printf("fetched layers %s: %d shards verified, %d bytes received%n", range, f.shards().size(), f.receivedBytes());
                    return ModelFiles.assemble(dir);
                };
            }
            // Gossip every 2 s, settle 10 s, move for a 10% better bottleneck: tuned in docs/SCALE.md (at 1.2, swarms of
            // 100 peers hardly ever moved, since one peer's move seldom lifts the bottleneck by a fifth).
            PeerOptions o = new PeerOptions(metadata, modelId, fixed, maxLayers == null ? Integer.MAX_VALUE : maxLayers, id, RelayConfig.defaults(),
                    new InetSocketAddress(network.bindAddress(), port), advertised, List.of(), Duration.ofSeconds(2), Duration.ofSeconds(10), 1.1, threads.get());
            try (PeerNode node = PeerNode.start(o, net.discovery(), source)) {
                System.err.printf("%s serving layers %s of %s on %s:%d%n", who, node.range(), modelId, advertised, node.address().getPort());
                Thread leave = new Thread(() -> leave(node, net, who), "a1-peer-leave");
                Runtime.getRuntime().addShutdownHook(leave);
                try {
                    LayerRange shown = node.range();
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(500);
                        if (!node.range().equals(shown)) {
                            shown = node.range();
                            System.err.printf("%s now serves layers %s%n", who, shown);
                        }
                    }
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(leave);
                    } catch (IllegalStateException e) {
                        // the JVM is stopping: the hook runs
                    }
                }
            }
        }
        return ExitCodes.OK;
    }

    /**
     * The identity in {@code dir}'s peer.key or, when another peer on this machine holds that, in the first of
     * peer-2.key, peer-3.key... that none holds: each peer on a machine keeps its own id from run to run.
     */
    static PeerIdentity defaultIdentity(Path dir) throws IOException {
        for (int i = 1; i <= MAX_DEFAULT_KEYS; i++) {
            Path file = dir.resolve(i == 1 ? "peer.key" : "peer-" + i + ".key");
            Optional<PeerIdentity> id = PeerIdentity.claim(file);
            if (id.isEmpty()) continue;
            if (i > 1) System.err.printf("%s is held by another peer on this machine: this one uses %s%n", dir.resolve("peer.key"), file);
            return id.get();
        }
        throw new IOException(MAX_DEFAULT_KEYS + " peers on this machine hold the keys in " + dir + " already; give this one --key FILE");
    }

    /** Runs on Ctrl-C or SIGTERM: leave the swarm, let sessions finish, stop. */
    private void leave(PeerNode node, Network net, String who) {
        System.err.printf("%s leaving: announcement ends now, waiting up to %d s for open sessions%n", who, drain);
        try {
            int cut = node.leave(Duration.ofSeconds(drain));
            System.err.printf("%s left the swarm (%s)%n", who, cut == 0 ? "no session cut" : cut + " sessions cut");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            node.close();
            net.close();
        }
    }

    /** HOST:PORT arguments. Hosts must be IP literals ([v6] in brackets): the CLI never resolves names. */
    static InetSocketAddress parseAddress(String s) {
        return a1.dht.Bootstrap.parse(s);
    }
}
