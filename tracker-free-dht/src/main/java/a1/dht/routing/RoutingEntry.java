package a1.dht.routing;

import a1.dht.id.NodeId;
import java.net.InetSocketAddress;
import java.time.Instant;

/** One routing-table row as shown by {@code a1 swarm status}. */
public record RoutingEntry(NodeId id, InetSocketAddress address, int bucket, Instant lastSeen, int failures) {
}
