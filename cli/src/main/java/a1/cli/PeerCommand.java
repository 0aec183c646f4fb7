package a1.cli;

import a1.cli.swarm.NetworkOptions;
import a1.dht.DhtNode;
import a1.peer.node.PeerNode;
import a1.spec.manifest.ModelId;
import a1.swarm.Assembler;
import a1.swarm.FetchResult;
import a1.swarm.Fetcher;
import a1.swarm.ProgressListener;
import a1.swarm.ShardSelection;
import a1.swarm.SwarmOptions;
import a1.swarm.bt.BtBackend;
import a1.swarm.dht.DhtDiscovery;
import a1.peer.node.PeerOptions;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.spec.model.LayerRange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code a1 peer}: serves a range of a model's layers to the swarm until interrupted. */
@Command(name = "peer", mixinStandardHelpOptions = true,
        description = "Serve a contiguous range of a model's layers to clients and other peers (runs until Ctrl-C).")
final class PeerCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL-ID|FILE.gguf",
            description = "The model: a local GGUF file, or a model id whose shards for --layers are fetched from the weights swarm (needs --dht).")
    String model;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "A serving peer of the swarm to gossip with first (repeatable; omit for the first peer).")
    List<String> bootstrap = List.of();

    @Option(names = "--dht", paramLabel = "HOST:PORT", description = "A DHT contact (repeatable): join the DHT to find peers of the model, and to fetch a MODEL-ID.")
    List<String> dht = List.of();

    @Mixin
    a1.cli.swarm.StoreOption store;

    @Option(names = "--port", defaultValue = "0", description = "TCP port to listen on (default: any free port).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "IP", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--advertise", paramLabel = "IP", description = "The IP other peers reach this one at (default: the --bind address).")
    String advertise;

    @Option(names = "--layers", paramLabel = "A-B", description = "Serve exactly these layers (default: choose from the swarm, and re-balance).")
    String layers;

    @Option(names = "--max-layers", paramLabel = "N", description = "When choosing: the most layers this peer holds (default: all).")
    Integer maxLayers;

    @Option(names = "--key", paramLabel = "FILE", description = "Ed25519 key file, created (0600) if missing (default: ~/.a1/peer.key).")
    Path key;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        InetAddress bindIp = InetAddress.ofLiteral(bind);
        List<InetSocketAddress> contacts = dht.stream().map(PeerCommand::parseAddress).toList();
        try (DhtNode node = contacts.isEmpty() ? null : NetworkOptions.join(DhtNode.start(bindIp, 0, contacts, NetworkOptions.configFor(contacts)), true);
             DhtDiscovery discovery = node == null ? null : new DhtDiscovery(node)) {
            return serve(bindIp, discovery);
        }
    }

    private Integer serve(InetAddress bindIp, DhtDiscovery discovery) throws Exception {
        Path file = Path.of(model);
        String modelId;
        if (model.endsWith(".gguf") && Files.isRegularFile(file)) {
            modelId = PeerNode.localModelId(file);
        } else {
            ModelId id = ModelId.ofHex(model);
            if (discovery == null) throw new IllegalArgumentException("fetching model " + model + " needs the DHT: give --dht HOST:PORT");
            if (layers == null) throw new IllegalArgumentException("with a MODEL-ID, give --layers A-B: the peer fetches only those shards");
            LayerRange r = LayerRange.parse(layers);
            Path dir = store.folderOf(id);
            FetchResult fetched = new Fetcher(new BtBackend(), discovery, new SwarmOptions(bindIp, 0, 0, Duration.ofSeconds(60), Duration.ofSeconds(3), Duration.ofMinutes(15)))
                    .fetch(id, ShardSelection.layers(r), dir, new ProgressListener() {});
            System.err.printf("fetched layers %s: %d shards verified, %d bytes received%n", r, fetched.shards().size(), fetched.receivedBytes());
            file = Assembler.assemble(dir);
            modelId = id.hex();
        }
        String advertised = advertise != null ? InetAddress.ofLiteral(advertise).getHostAddress() : bindIp.getHostAddress();
        PeerIdentity id = PeerIdentity.loadOrCreate(key != null ? key : Path.of(System.getProperty("user.home"), ".a1", "peer.key"));
        // Gossip every 2 s, settle 10 s, move for a 10% better bottleneck: tuned in docs/SCALE.md (at 1.2, swarms of
        // 100 peers hardly ever moved, since one peer's move seldom lifts the bottleneck by a fifth).
        PeerOptions o = new PeerOptions(file, modelId, layers == null ? null : LayerRange.parse(layers),
                maxLayers == null ? Integer.MAX_VALUE : maxLayers, id, RelayConfig.defaults(), new InetSocketAddress(bindIp, port), advertised,
                bootstrap.stream().map(PeerCommand::parseAddress).toList(), Duration.ofSeconds(2), Duration.ofSeconds(10), 1.1, threads.get());
        try (PeerNode node = PeerNode.start(o, discovery)) {
            System.err.printf("peer %s serving layers %s of %s on %s:%d%n", id.hexId().substring(0, 8), node.range(), o.modelId(), advertised, node.address().getPort());
            var shown = node.range();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
                if (!node.range().equals(shown)) {
                    shown = node.range();
                    System.err.printf("peer %s now serves layers %s%n", id.hexId().substring(0, 8), shown);
                }
            }
        }
        return ExitCodes.OK;
    }

    /** HOST:PORT arguments. Hosts must be IP literals ([v6] in brackets): the CLI never resolves names. */
    static InetSocketAddress parseAddress(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("address \"" + s + "\" must be IP:PORT");
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address \"" + s + "\" has no valid port");
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " in \"" + s + "\" is not a TCP port");
        return new InetSocketAddress(InetAddress.ofLiteral(host), port);
    }
}
