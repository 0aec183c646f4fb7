package a1.peer.relay;

import a1.spec.wire.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A server's account of what each remote peer takes (SPEC.md 10.10): connections, request units and gossip
 * messages per second, and the connections of all peers together. Each check returns null when the peer may go on,
 * or the reason it may not. A peer that keeps sending after it is refused (a tenth of its limits' worth of refusals)
 * is {@link #persistent}: refusing it costs the server nearly what serving it does, so the server disconnects it.
 * Used from the server thread only.
 */
final class PeerQuotas {
    private final class Usage {
        int connections;
        final TokenBucket requests = new TokenBucket(limits.requestsPerSecond(), limits.requestBurst(), nanoTime);
        final TokenBucket gossip = new TokenBucket(limits.gossipPerSecond(), limits.gossipBurst(), nanoTime);
        final TokenBucket refusals = new TokenBucket((limits.requestsPerSecond() + limits.gossipPerSecond()) / 10, Math.max(16, (limits.requestBurst() + limits.gossipBurst()) / 10), nanoTime);
        boolean persistent;
    }

    private final PeerLimits limits;
    private final LongSupplier nanoTime;
    private final Map<String, Usage> peers = new HashMap<>();
    private int connections;

    PeerQuotas(PeerLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    /** A new connection, before its handshake; release it with {@link #connectionClosed}. */
    String connectionOpened() {
        if (connections >= limits.totalConnections()) return "this peer already has " + connections + " connections (at most " + limits.totalConnections() + ")";
        connections++;
        return null;
    }

    void connectionClosed() {
        connections--;
    }

    /** A connection authenticated as {@code peerId}; release it with {@link #left}. */
    String joined(String peerId) {
        Usage u = peers.computeIfAbsent(peerId, id -> new Usage());
        if (u.connections >= limits.connections()) return "per-peer limit: you already have " + u.connections + " connections here (at most " + limits.connections() + ")";
        u.connections++;
        return null;
    }

    void left(String peerId) {
        Usage u = peers.get(peerId);
        if (u != null) u.connections--;
    }

    /** A request costs one unit plus one per position it forwards. */
    String request(String peerId, Message m) {
        int cost = 1 + (m instanceof Message.Forward f ? f.activations().tokens() : 0);
        Usage u = peers.get(peerId);
        if (u.requests.tryTake(cost)) return null;
        refused(u);
        return "per-peer limit: over " + (long) limits.requestsPerSecond() + " request units per second (a request is 1 unit, plus 1 per position forwarded); slow down";
    }

    String gossip(String peerId) {
        Usage u = peers.get(peerId);
        if (u.gossip.tryTake(1)) return null;
        refused(u);
        return "per-peer limit: over " + limits.gossipPerSecond() + " gossip messages per second; slow down";
    }

    private void refused(Usage u) {
        if (!u.refusals.tryTake(1)) u.persistent = true;
    }

    /** True once {@code peerId} has been refused more than its limits allow it to be served; it stays so until forgotten. */
    boolean persistent(String peerId) {
        return peers.get(peerId).persistent;
    }

    /** Forgets peers with no connection whose buckets have refilled, so their state cannot pile up. */
    void forgetIdle() {
        peers.values().removeIf(u -> u.connections == 0 && u.requests.full() && u.gossip.full() && u.refusals.full());
    }

    int knownPeers() {
        return peers.size();
    }
}
