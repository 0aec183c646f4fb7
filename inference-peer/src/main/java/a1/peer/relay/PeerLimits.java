package a1.peer.relay;

/**
 * What one remote peer (one identity, over all its connections) may take of a serving peer, and the server-wide
 * bounds that hold whatever the number of identities (SPEC.md 10.10). A request costs one unit, plus one per
 * position a FORWARD carries, so the request rate also bounds the work a peer can ask for.
 *
 * @param connections        authenticated connections per peer
 * @param sessions           open sessions per peer
 * @param kvBytes            bytes of KV cache per peer
 * @param requestsPerSecond  request units per second per peer (sustained)
 * @param requestBurst       request units a peer may spend at once (a prompt batch costs its length)
 * @param gossipPerSecond    GOSSIP messages per second per peer (sustained)
 * @param gossipBurst        GOSSIP messages a peer may send at once
 * @param totalConnections   connections of all peers, handshaking or not
 * @param receiveBytes       bytes of partly received large frames over all connections
 */
public record PeerLimits(int connections, int sessions, long kvBytes, double requestsPerSecond, int requestBurst,
                         double gossipPerSecond, int gossipBurst, int totalConnections, long receiveBytes) {
    public PeerLimits {
        if (connections <= 0 || sessions <= 0 || kvBytes <= 0 || !(requestsPerSecond > 0) || requestBurst <= 0 || !(gossipPerSecond > 0)
                || gossipBurst <= 0 || totalConnections <= 0 || receiveBytes <= 0) {
            throw new IllegalArgumentException("per-peer limits must be positive");
        }
    }

    /**
     * Generous enough for one client running several generations through a small model at full speed; an operator
     * of a big model can lower the request rate to what the peer computes.
     */
    public static PeerLimits defaults() {
        return new PeerLimits(8, 16, 512L << 20, 8192, 32768, 10, 30, 512, 512L << 20);
    }
}
