package a1.peer.routing;

import a1.peer.relay.PeerConnection;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.peer.relay.RelayException;
import a1.spec.wire.Message;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A client's connections to serving peers, one per peer id, opened on first use and reopened when broken. */
public final class PeerConnector implements AutoCloseable {
    private final PeerIdentity self;
    private final RelayConfig config;
    private final long requestTimeoutMillis;
    private final Map<String, PeerConnection> open = new ConcurrentHashMap<>();

    public PeerConnector(PeerIdentity self, RelayConfig config, long requestTimeoutMillis) {
        this.self = self;
        this.config = config;
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    public PeerConnection connect(PeerInfo peer) throws RelayException {
        PeerConnection c = open.get(peer.id());
        if (c != null && c.isOpen()) return c;
        c = PeerConnection.open(peer.address(), peer.id(), self, config, requestTimeoutMillis);
        open.put(peer.id(), c);
        return c;
    }

    /**
     * One request on a fresh connection, closed afterwards (gossip rounds, status queries). {@code expectedPeerId}
     * may be null for a bootstrap address whose id is not known yet.
     */
    public Message once(InetSocketAddress address, String expectedPeerId, Message request) throws RelayException {
        try (PeerConnection c = PeerConnection.open(address, expectedPeerId, self, config, requestTimeoutMillis)) {
            return c.call(request);
        }
    }

    /** Closes the connection to a peer that failed, so the next use starts afresh. */
    public void drop(String peerId) {
        PeerConnection c = open.remove(peerId);
        if (c != null) c.close();
    }

    @Override
    public void close() {
        open.values().forEach(PeerConnection::close);
        open.clear();
    }
}
