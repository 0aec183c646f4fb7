package a1.cli.options;

import a1.dht.Bootstrap;
import a1.dht.DhtConfig;
import a1.dht.DhtNode;
import a1.swarm.SwarmOptions;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code --bootstrap} and {@code --bind}: how every command that joins the network finds it (inherited by
 * subcommands, as {@code a1 dht}'s). {@code --bootstrap}
 * is always a DHT contact (peers of a model meet through the DHT, under the model's meeting key); its default is
 * config.toml's {@code bootstrap}. The DHT runs in local-swarm mode (loopback and private contacts allowed, no BEP
 * 42) when every contact is a loopback, link-local or private address, or when there is none (the first node of a
 * private swarm); otherwise in mainline mode. There is no built-in bootstrap list: public contacts are configuration.
 */
public final class NetworkOptions {

    @Option(names = {"-b", "--bootstrap"}, split = ",", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
            description = "DHT contacts to join through, IP literals, comma-separated or repeated; names are never resolved (default: config.toml's bootstrap).")
    List<String> bootstrap;

    @Option(names = "--bind", defaultValue = "0.0.0.0", paramLabel = "IP", scope = ScopeType.INHERIT,
            description = "Address to listen on, an IP literal (default: ${DEFAULT-VALUE}; 127.0.0.1 keeps a node local).")
    String bind;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public InetAddress bindAddress() {
        try {
            return InetAddress.ofLiteral(bind);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), "--bind must be an IP literal, got '" + bind + "'");
        }
    }

    public List<InetSocketAddress> contacts() {
        try {
            return bootstrap == null ? List.of() : Bootstrap.parse(bootstrap);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }

    /**
     * The IP other nodes reach this one at: the bind address, or when that is the wildcard, the local address the
     * system would use to reach the first contact (no packet is sent, no name resolved); loopback without contacts.
     */
    public InetAddress reachableAddress() {
        InetAddress bound = bindAddress();
        if (!bound.isAnyLocalAddress()) return bound;
        List<InetSocketAddress> contacts = contacts();
        if (contacts.isEmpty()) return InetAddress.getLoopbackAddress();
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(contacts.getFirst());
            return s.getLocalAddress();
        } catch (SocketException e) {
            throw new IllegalArgumentException("cannot tell which local address reaches " + contacts.getFirst() + ": give --bind IP", e);
        }
    }

    /**
     * Local-swarm settings when every contact is loopback, link-local or private; mainline settings otherwise.
     */
    public static DhtConfig configFor(List<InetSocketAddress> contacts) {
        boolean local = contacts.stream().map(InetSocketAddress::getAddress)
                .allMatch(a -> a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || isUniqueLocal(a));
        return local ? DhtConfig.localSwarm() : DhtConfig.mainline();
    }

    private static boolean isUniqueLocal(InetAddress a) {
        return a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc; // fc00::/7
    }

    /** Starts a DHT node on {@code port} (0: any) and waits (up to 30 s) until it has joined through the contacts. */
    public DhtNode startDht(int port) throws IOException {
        return startDht(port, true);
    }

    /** As {@link #startDht(int)}; without {@code waitForJoin} it returns at once (a node that serves while it joins). */
    public DhtNode startDht(int port, boolean waitForJoin) throws IOException {
        if (port < 0 || port > 65535) throw new ParameterException(command.commandLine(), "--port must be 0..65535, got " + port);
        List<InetSocketAddress> contacts = contacts();
        DhtNode node = DhtNode.start(bindAddress(), port, contacts, configFor(contacts));
        return waitForJoin ? join(node, !contacts.isEmpty()) : node;
    }

    /**
     * Waits until {@code node} has joined; when it has contacts to join through but its table is still empty (a lost
     * datagram, a contact slow to answer), asks them again, three times at most. Closes the node on failure.
     */
    public static DhtNode join(DhtNode node, boolean hasContacts) throws IOException {
        try {
            node.bootstrapped().get(30, TimeUnit.SECONDS);
            for (int attempt = 0; hasContacts && node.routingTable().isEmpty() && attempt < 3; attempt++) {
                node.rejoin().get(30, TimeUnit.SECONDS);
            }
            // A time-out underneath, so that the exit code says network (4), as for a port that is taken.
            if (hasContacts && node.routingTable().isEmpty()) throw new IOException("DHT: no bootstrap contact answered", new TimeoutException());
            return node;
        } catch (TimeoutException e) {
            node.close();
            throw new IOException("DHT: could not join within 30 s", e);
        } catch (IOException e) {
            node.close();
            throw e;
        } catch (Exception e) {
            node.close();
            throw new IOException("DHT: could not join: " + e.getMessage(), e);
        }
    }

    /** BitTorrent settings: the bind address, {@code port} (0: any), peers re-asked every 3 s while fetching. */
    public SwarmOptions swarmOptions(int port) {
        return swarmOptions(bindAddress(), port);
    }

    public static SwarmOptions swarmOptions(InetAddress bind, int port) {
        return new SwarmOptions(bind, port, 0, Duration.ofSeconds(60), Duration.ofSeconds(3), Duration.ofMinutes(15));
    }
}
