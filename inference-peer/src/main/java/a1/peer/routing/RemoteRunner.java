package a1.peer.routing;

import a1.peer.relay.ConnectionClosedException;
import a1.peer.relay.PeerConnection;
import a1.peer.relay.RelayException;
import a1.spec.model.LayerRange;
import a1.spec.wire.Activations;
import a1.spec.wire.Message;
import java.security.SecureRandom;

/** A session on a remote peer for part of its range, opened on the first forward call. */
final class RemoteRunner implements LayerRunner {
    private static final SecureRandom RANDOM = new SecureRandom();

    final ChainPlanner.Hop hop;
    private final SessionSpec spec;
    private final PeerConnector connector;
    private long sessionId;
    private PeerConnection connection;
    private int length;
    int calls;
    long nanos;

    RemoteRunner(ChainPlanner.Hop hop, SessionSpec spec, PeerConnector connector) {
        this.hop = hop;
        this.spec = spec;
        this.connector = connector;
    }

    @Override
    public String peerId() {
        return hop.peer().id();
    }

    @Override
    public LayerRange layers() {
        return hop.layers();
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public float[] forward(float[] x, int n, int startPos) throws HopFailure {
        try {
            if (connection == null || !connection.isOpen()) {
                if (connection != null) throw new RelayException("connection lost mid-session");
                sessionId = RANDOM.nextLong();
                Message.Open open = new Message.Open(sessionId, spec.modelId(), hop.layers(), spec.capacity(), spec.encoding(), spec.cache());
                connection = connector.connect(hop.peer());
                Message opened;
                try {
                    opened = connection.call(open);
                } catch (ConnectionClosedException e) {
                    // A cached connection the peer closed while it sat idle (the peer restarted, say) fails only
                    // when used: the session has not started, so one try on a fresh connection.
                    connector.drop(peerId());
                    connection = connector.connect(hop.peer());
                    opened = connection.call(open);
                }
                expect(opened, Message.Opened.class);
            }
            long t0 = System.nanoTime();
            int dim = spec.dim();
            Message.Result r = expect(connection.call(new Message.Forward(sessionId, startPos, Activations.of(spec.encoding(), x, n, dim))), Message.Result.class);
            if (r.startPos() != startPos || r.activations().tokens() != n || r.activations().width() != dim) {
                throw new RelayException("answered with " + r.activations() + " at position " + r.startPos() + " for " + n + " tokens at " + startPos);
            }
            calls++;
            nanos += System.nanoTime() - t0;
            length = startPos + n;
            return r.activations().values();
        } catch (RelayException e) {
            throw new HopFailure(peerId(), e.getMessage(), e);
        }
    }

    private static <T extends Message> T expect(Message m, Class<T> type) throws RelayException {
        if (type.isInstance(m)) return type.cast(m);
        if (m instanceof Message.Error e) throw new RelayException("refused: " + e.kind() + ": " + e.message());
        throw new RelayException("answered " + m.type() + " where " + type.getSimpleName() + " was due");
    }

    @Override
    public void close() {
        if (connection != null && connection.isOpen()) connection.send(new Message.Close(sessionId));
    }
}
