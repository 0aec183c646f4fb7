package a1.dht.rpc;

import a1.dht.id.Bep42;
import a1.dht.id.NodeInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Which contacts a node will route to and store: the local-swarm switches (private addresses, many
 * nodes per IP) and BEP 42 enforcement.
 */
public record AddressPolicy(boolean allowPrivateAddresses, boolean enforceBep42, boolean manyNodesPerIp) {

    /** Whether we would ever send to this address. */
    public boolean reachable(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        if (a.getPort() == 0 || ip == null || ip.isAnyLocalAddress() || ip.isMulticastAddress()) {
            return false;
        }
        return allowPrivateAddresses || !Bep42.isExempt(ip);
    }

    /** Whether the contact may enter the routing table and serve as a storage target. */
    public boolean routable(NodeInfo node) {
        return reachable(node.address()) && (!enforceBep42 || Bep42.isValid(node.id(), node.address().getAddress()));
    }
}
