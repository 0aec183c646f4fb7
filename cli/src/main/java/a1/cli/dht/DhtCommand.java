package a1.cli.dht;

import a1.cli.options.NetworkOptions;
import a1.dht.DhtNode;
import a1.dht.id.NodeId;
import a1.dht.routing.RoutingEntry;
import a1.dht.store.Bep44;
import a1.dht.store.Ed25519KeyPair;
import a1.dht.store.MutableItem;
import a1.spec.sign.SigningKey;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code a1 dht}: without a subcommand, runs a standalone DHT node (a bootstrap node for a private swarm, say) and
 * logs its id and address; the subcommands start a node, join through the bootstrap contacts, print one result per
 * line and exit. The mode follows the bootstrap contacts as for every networked command (local swarm when all are
 * loopback or private, or when there are none; mainline otherwise).
 */
@Command(name = "dht", mixinStandardHelpOptions = true,
        description = "Run a mainline DHT node (BEP 5/44), or use the DHT directly through a subcommand.")
public final class DhtCommand implements Callable<Integer> {

    /** Parses a 40-hex-digit id; picocli turns a failure into a one-line usage error. */
    static final class HexId implements ITypeConverter<NodeId> {
        @Override
        public NodeId convert(String value) {
            return NodeId.ofHex(value);
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOptions network;

    @Option(names = "--port", scope = ScopeType.INHERIT, defaultValue = "0", description = "UDP port (0 = any free port).")
    int port;

    @Option(names = "--interval", defaultValue = "60", description = "Seconds between status lines of a standalone node (default ${DEFAULT-VALUE}).")
    int intervalSeconds;

    /** Without a subcommand: run a node until the process is stopped, logging its contacts now and then. */
    @Override
    public Integer call() throws Exception {
        try (DhtNode node = network.startDht(port, false)) {
            out().printf("node %s listening on %s%n", node.id(), hostPort(node.localAddress()));
            out().flush();
            node.bootstrapped().exceptionally(e -> null).join(); // a first node has nobody to join; it still serves
            while (!Thread.currentThread().isInterrupted()) {
                out().printf("%d contacts%n", node.routingTable().size());
                out().flush();
                Thread.sleep(intervalSeconds * 1000L);
            }
        }
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Command(name = "status", description = "Join, then print the routing table (id, address, bucket, last seen).")
    int status() throws Exception {
        try (DhtNode node = network.startDht(port)) {
            List<RoutingEntry> table = node.routingTable().stream()
                    .sorted(Comparator.comparingInt(RoutingEntry::bucket)).toList();
            out().printf("node %s on %s, %d contacts%n", node.id(), hostPort(node.localAddress()), table.size());
            for (RoutingEntry e : table) {
                out().printf("%3d  %s  %-22s  %s%s%n", e.bucket(), e.id(), hostPort(e.address()), e.lastSeen(),
                        e.failures() > 0 ? "  failures=" + e.failures() : "");
            }
        }
        return 0;
    }

    @Command(name = "announce", description = "Announce PORT of this host as a peer for INFOHASH; prints how many nodes stored it.")
    int announce(@Parameters(index = "0", paramLabel = "INFOHASH", description = "40 hex digits.", converter = HexId.class) NodeId infohash,
                 @Parameters(index = "1", paramLabel = "PORT", description = "Port peers should connect to.") int peerPort) throws Exception {
        try (DhtNode node = network.startDht(port)) {
            int stored = await(node.announce(infohash, peerPort));
            out().println(stored);
            if (stored == 0) spec.commandLine().getErr().println("no node stored the announcement (" + node.routingTable().size() + " contacts)");
            return stored > 0 ? 0 : 1;
        }
    }

    @Command(name = "peers", description = "Print the peers announced for INFOHASH, one HOST:PORT per line as the lookup finds them.")
    int peers(@Parameters(paramLabel = "INFOHASH", description = "40 hex digits.", converter = HexId.class) NodeId infohash)
            throws Exception {
        try (DhtNode node = network.startDht(port)) {
            PrintWriter out = out();
            int found = await(node.findPeers(infohash, p -> {
                out.println(hostPort(p));
                out.flush();
            }));
            return found == 0 ? 1 : 0;
        }
    }

    @Command(name = "put", description = "Store TEXT as a BEP 44 item and print its key: an immutable item, or with --key a mutable item signed with that key.")
    int put(@Parameters(paramLabel = "TEXT") String text,
            @Option(names = "--key", paramLabel = "FILE", description = "Ed25519 key file (a1 keygen; mode 0600): store a mutable item signed with it.") Path keyFile,
            @Option(names = "--salt", paramLabel = "S", description = "Salt of the mutable item (UTF-8, up to 64 bytes).") String salt,
            @Option(names = "--seq", paramLabel = "N", description = "Sequence number of the mutable item (default: one past the newest in the DHT).") Long seq)
            throws Exception {
        byte[] value = text.getBytes(StandardCharsets.UTF_8);
        if (keyFile == null) {
            if (salt != null || seq != null) throw new ParameterException(spec.commandLine(), "--salt and --seq need --key (they belong to mutable items)");
            try (DhtNode node = network.startDht(port)) {
                out().println(await(node.putImmutable(value)).hex());
                return 0;
            }
        }
        Ed25519KeyPair keys = Ed25519KeyPair.of(SigningKey.load(keyFile));
        byte[] saltBytes = MutableItems.salt(salt);
        try (DhtNode node = network.startDht(port)) {
            long use = MutableItems.seqToPut(await(node.getMutable(keys.publicKey(), saltBytes)), seq, value);
            int stored = await(node.putMutable(keys, saltBytes, value, use, OptionalLong.empty()));
            out().println(Bep44.mutableTarget(keys.publicKey(), saltBytes).hex());
            spec.commandLine().getErr().println("seq " + use + " stored on " + stored + " nodes");
            return 0;
        }
    }

    @Command(name = "get", description = "Print a BEP 44 item: the immutable item under KEY as UTF-8, or with --public-key the newest mutable item as 'SEQ VALUE'.")
    int get(@Parameters(arity = "0..1", paramLabel = "KEY", description = "40 hex digits.", converter = HexId.class) NodeId key,
            @Option(names = "--public-key", paramLabel = "HEX", description = "The mutable item's Ed25519 public key, 64 hex digits.") String publicKeyHex,
            @Option(names = "--salt", paramLabel = "S", description = "Salt of the mutable item (UTF-8).") String salt)
            throws Exception {
        if ((key == null) == (publicKeyHex == null)) throw new ParameterException(spec.commandLine(), "give either KEY or --public-key");
        if (key != null && salt != null) throw new ParameterException(spec.commandLine(), "--salt goes with --public-key");
        if (publicKeyHex != null && !publicKeyHex.matches("[0-9a-fA-F]{64}")) throw new ParameterException(spec.commandLine(), "--public-key must be 64 hex digits, got '" + publicKeyHex + "'");
        byte[] publicKey = publicKeyHex == null ? null : HexFormat.of().parseHex(publicKeyHex);
        byte[] saltBytes = MutableItems.salt(salt);
        try (DhtNode node = network.startDht(port)) {
            if (key != null) {
                Optional<byte[]> value = await(node.getImmutable(key));
                value.ifPresent(v -> out().println(new String(v, StandardCharsets.UTF_8)));
                if (value.isEmpty()) spec.commandLine().getErr().println("no item found for " + key);
                return value.isPresent() ? 0 : 1;
            }
            Optional<MutableItem> item = await(node.getMutable(publicKey, saltBytes));
            item.ifPresent(i -> out().println(i.seq() + " " + MutableItems.text(i.value())));
            if (item.isEmpty()) spec.commandLine().getErr().println("no mutable item found for " + Bep44.mutableTarget(publicKey, saltBytes));
            return item.isPresent() ? 0 : 1;
        }
    }

    /** The future's value; a failure surfaces as its own one-line cause, not wrapped in a CompletionException. */
    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
