package a1.peer.routing;

import java.util.List;

/** Where a client learns which peers serve which layers: a fixed list, or the live gossip state. */
@FunctionalInterface
public interface PeerDirectory {
    /** The peers currently known to serve the model; may be stale, never null. */
    List<PeerInfo> peers();
}
