package a1.dht;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** Parses bootstrap contacts given as "ip:port" or "[ipv6]:port" literals. Never resolves names. */
public final class Bootstrap {

    private Bootstrap() {
    }

    public static List<InetSocketAddress> parse(List<String> literals) {
        return literals.stream().map(Bootstrap::parse).toList();
    }

    public static InetSocketAddress parse(String literal) {
        int colon = literal.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("bootstrap contact must be ip:port, got '" + literal + "'");
        }
        String host = literal.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(literal.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in bootstrap contact '" + literal + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range in bootstrap contact '" + literal + "'");
        }
        // ofLiteral rejects host names, so a bootstrap list can never trigger a DNS lookup.
        try {
            return new InetSocketAddress(InetAddress.ofLiteral(host), port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bootstrap contact '" + literal
                    + "' is not an IP literal (host names are never resolved)", e);
        }
    }
}
