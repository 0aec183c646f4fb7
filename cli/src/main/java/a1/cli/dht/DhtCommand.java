package a1.cli.dht;

import a1.cli.options.NetworkOptions;
import a1.dht.DhtNode;
import a1.dht.id.NodeId;
import a1.dht.routing.RoutingEntry;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
            int stored = node.announce(infohash, peerPort).join();
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
            int found = node.findPeers(infohash, p -> {
                out.println(hostPort(p));
                out.flush();
            }).join();
            return found == 0 ? 1 : 0;
        }
    }

    @Command(name = "put", description = "Store text as a BEP 44 immutable item and print its key.")
    int put(@Parameters(paramLabel = "TEXT") String text) throws Exception {
        try (DhtNode node = network.startDht(port)) {
            out().println(node.putImmutable(text.getBytes(StandardCharsets.UTF_8)).join().hex());
            return 0;
        }
    }

    @Command(name = "get", description = "Fetch a BEP 44 immutable item by key and print it as UTF-8.")
    int get(@Parameters(paramLabel = "KEY", description = "40 hex digits.", converter = HexId.class) NodeId key)
            throws Exception {
        try (DhtNode node = network.startDht(port)) {
            Optional<byte[]> value = node.getImmutable(key).join();
            value.ifPresent(v -> out().println(new String(v, StandardCharsets.UTF_8)));
            if (value.isEmpty()) {
                spec.commandLine().getErr().println("no item found for " + key);
            }
            return value.isPresent() ? 0 : 1;
        }
    }
}
