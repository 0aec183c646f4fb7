package a1.peer.routing;

/**
 * A swarm generation failed in a way a retry may fix: no reachable peer serves some layers now, failover kept
 * failing, or a peer was found to have returned wrong activations that the generation had already used (the peer is
 * banned, so a retry routes around it). The tokens produced before it are not to be trusted.
 */
public final class SwarmRetryException extends RuntimeException {
    public SwarmRetryException(String message) {
        super(message);
    }
}
