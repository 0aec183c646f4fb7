package a1.spec.gossip;

import a1.spec.OneLine;

/** An announcement that is malformed on the wire or in its fields. */
public final class GossipException extends RuntimeException {
    public GossipException(String message) {
        super(OneLine.of(message));
    }
}
