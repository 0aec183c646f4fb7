package a1.dht.id;

import java.net.InetSocketAddress;

/** A contact: a node id and the UDP address it answers on (always a resolved literal address). */
public record NodeInfo(NodeId id, InetSocketAddress address) {

    public NodeInfo {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("node address must be a literal, got " + address);
        }
    }
}
