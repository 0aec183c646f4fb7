package a1.peer.relay;

/** The peer closed the connection before it answered (it stopped or restarted, or dropped this client). */
public final class ConnectionClosedException extends RelayException {
    public ConnectionClosedException(String message) {
        super(message);
    }
}
