package a1.peer.routing;

/** A peer of a hop failed (refused, timed out, disconnected, or was caught returning wrong activations). */
final class HopFailure extends Exception {
    final String peerId;

    HopFailure(String peerId, String message, Throwable cause) {
        super(message, cause);
        this.peerId = peerId;
    }
}
