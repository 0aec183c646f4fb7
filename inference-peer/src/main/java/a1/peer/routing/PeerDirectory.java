package a1.peer.routing;

import a1.spec.gossip.Accusation;
import java.util.List;

/**
 * Where a client learns which peers serve which layers (a fixed list, or the live gossip state) and where it
 * publishes what it found out about them.
 */
@FunctionalInterface
public interface PeerDirectory {
    /** The peers currently known to serve the model; may be stale, never null. */
    List<PeerInfo> peers();

    /** How many distinct others accuse {@code peerId} of wrong activations (a fixed list knows of none). */
    default int accusers(String peerId) {
        return 0;
    }

    /** Passes this client's accusation on to others (a fixed list has nobody to tell). */
    default void publish(Accusation a) {}
}
