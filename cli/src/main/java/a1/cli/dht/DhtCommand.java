package a1.cli.dht;

import a1.dht.Bootstrap;
import a1.dht.DhtConfig;
import a1.dht.DhtNode;
import a1.dht.id.NodeId;
import a1.dht.routing.RoutingEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * {@code a1 dht}: run a mainline DHT node, inspect its routing table, and use the DHT directly
 * (announce, find peers, put/get BEP 44 immutable items). Each subcommand starts its own node,
 * joins through the given bootstrap contacts, does its work and exits ({@code run} stays up).
 */
@Command(name = "dht", mixinStandardHelpOptions = true,
        description = "Join the mainline DHT (BEP 5/44) and use it without a tracker.")
public final class DhtCommand implements Callable<Integer> {

    /** Options every subcommand shares: where to bind, whom to bootstrap from, local or public mode. */
    public static final class NodeOptions {
        @Option(names = "--bind", scope = ScopeType.INHERIT, defaultValue = "0.0.0.0", description = "IP literal to bind (default ${DEFAULT-VALUE}).")
        String bind;

        @Option(names = "--port", scope = ScopeType.INHERIT, defaultValue = "0", description = "UDP port (0 = any free port).")
        int port;

        @Option(names = {"-b", "--bootstrap"}, scope = ScopeType.INHERIT, description = "Bootstrap contact ip:port (repeatable; literals only).")
        List<String> bootstrap = new ArrayList<>();

        @Option(names = "--local", scope = ScopeType.INHERIT, description = "Local swarm mode: loopback/private addresses, many nodes per IP, no BEP 42.")
        boolean local;

        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        DhtNode start() throws IOException {
            DhtConfig config = local ? DhtConfig.localSwarm() : DhtConfig.mainline();
            List<InetSocketAddress> contacts;
            InetAddress address;
            try {
                contacts = Bootstrap.parse(bootstrap);
                address = InetAddress.ofLiteral(bind);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(command.commandLine(), e.getMessage());
            }
            DhtNode node = DhtNode.start(address, port, contacts, config);
            node.bootstrapped().join();
            return node;
        }
    }

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
    NodeOptions options;

    /** Without a subcommand: show the usage and fail, since there is nothing to do. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Command(name = "run", description = "Run a node until interrupted, printing its routing-table size.")
    int run(@Option(names = "--interval", defaultValue = "30", description = "Seconds between status lines.")
            int intervalSeconds) throws Exception {
        try (DhtNode node = options.start()) {
            out().printf("node %s listening on %s%n", node.id(), node.localAddress());
            out().flush();
            while (!Thread.currentThread().isInterrupted()) {
                out().printf("%d contacts%n", node.routingTable().size());
                out().flush();
                Thread.sleep(intervalSeconds * 1000L);
            }
        }
        return 0;
    }

    @Command(name = "status", description = "Join, then print the routing table (id, address, bucket, last seen).")
    int status() throws Exception {
        try (DhtNode node = options.start()) {
            List<RoutingEntry> table = node.routingTable().stream()
                    .sorted(Comparator.comparingInt(RoutingEntry::bucket)).toList();
            out().printf("node %s on %s, %d contacts%n", node.id(), node.localAddress(), table.size());
            for (RoutingEntry e : table) {
                out().printf("%3d  %s  %-22s  %s%s%n", e.bucket(), e.id(), e.address().getAddress().getHostAddress()
                        + ":" + e.address().getPort(), e.lastSeen(), e.failures() > 0 ? "  failures=" + e.failures() : "");
            }
        }
        return 0;
    }

    @Command(name = "announce", description = "Announce a peer port for an infohash.")
    int announce(@Parameters(paramLabel = "INFOHASH", description = "40 hex digits.", converter = HexId.class) NodeId infohash,
                 @Option(names = "--peer-port", required = true, description = "Port peers should connect to.")
                 int peerPort) throws Exception {
        try (DhtNode node = options.start()) {
            int stored = node.announce(infohash, peerPort).join();
            out().printf("announced to %d nodes%n", stored);
            return stored > 0 ? 0 : 1;
        }
    }

    @Command(name = "find-peers", description = "Print peers announced for an infohash.")
    int findPeers(@Parameters(paramLabel = "INFOHASH", description = "40 hex digits.", converter = HexId.class) NodeId infohash)
            throws Exception {
        try (DhtNode node = options.start()) {
            Set<InetSocketAddress> peers = node.findPeers(infohash).join();
            peers.forEach(p -> out().println(p.getAddress().getHostAddress() + ":" + p.getPort()));
            return peers.isEmpty() ? 1 : 0;
        }
    }

    @Command(name = "put", description = "Store text as a BEP 44 immutable item and print its key.")
    int put(@Parameters(paramLabel = "TEXT") String text) throws Exception {
        try (DhtNode node = options.start()) {
            out().println(node.putImmutable(text.getBytes(StandardCharsets.UTF_8)).join().hex());
            return 0;
        }
    }

    @Command(name = "get", description = "Fetch a BEP 44 immutable item by key and print it as UTF-8.")
    int get(@Parameters(paramLabel = "KEY", description = "40 hex digits.", converter = HexId.class) NodeId key)
            throws Exception {
        try (DhtNode node = options.start()) {
            Optional<byte[]> value = node.getImmutable(key).join();
            value.ifPresent(v -> out().println(new String(v, StandardCharsets.UTF_8)));
            if (value.isEmpty()) {
                spec.commandLine().getErr().println("no item found for " + key);
            }
            return value.isPresent() ? 0 : 1;
        }
    }
}
