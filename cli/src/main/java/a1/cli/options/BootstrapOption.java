package a1.cli.options;

import java.net.InetSocketAddress;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap HOST:PORT[,HOST:PORT...]}: the DHT nodes a command joins through. Shared by every command that
 * joins the network; its default comes from {@code bootstrap = [...]} in config.toml.
 */
public final class BootstrapOption {
    @Option(names = "--bootstrap", split = ",", paramLabel = "HOST:PORT",
            description = "DHT nodes to join through, comma-separated (default: config.toml's bootstrap).")
    List<String> bootstrap;

    /** The nodes as unresolved addresses (resolving is the network layer's job); a malformed entry throws. */
    public List<InetSocketAddress> get() {
        if (bootstrap == null) return List.of();
        return bootstrap.stream().map(BootstrapOption::parse).toList();
    }

    static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) throw new IllegalArgumentException("--bootstrap wants HOST:PORT, not '" + hostPort + "'");
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--bootstrap port is not a number in '" + hostPort + "'");
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException("--bootstrap port must be 1-65535 in '" + hostPort + "'");
        return InetSocketAddress.createUnresolved(host, port);
    }
}
