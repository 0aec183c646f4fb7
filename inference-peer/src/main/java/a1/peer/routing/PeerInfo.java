package a1.peer.routing;

import a1.spec.model.LayerRange;
import java.net.InetSocketAddress;

/**
 * What a client knows of a serving peer: its id (hex SHA-256 of its key), where it listens, the layers it serves,
 * its measured throughput for them (tokens/s; 0 when unknown) and its load (open sessions).
 */
public record PeerInfo(String id, InetSocketAddress address, LayerRange range, double throughput, int load) {
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    public PeerInfo {
        if (!ID.matcher(id).matches()) throw new IllegalArgumentException("a peer id is 64 hex digits, not " + id);
        if (throughput < 0 || load < 0) throw new IllegalArgumentException("throughput and load must not be negative");
    }

    public String shortId() {
        return id.substring(0, 8);
    }
}
