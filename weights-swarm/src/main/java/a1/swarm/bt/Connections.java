package a1.swarm.bt;

import bt.metainfo.TorrentId;
import bt.net.IPeerConnectionPool;
import bt.net.Peer;
import java.util.function.Predicate;

/**
 * The open Bt connections of a session's one torrent, known once its runtime is up. Bt makes one peer object per
 * connection, so peers are matched by identity.
 */
final class Connections {
    private volatile IPeerConnectionPool pool;
    private volatile TorrentId torrentId;

    void attach(IPeerConnectionPool pool, TorrentId torrentId) {
        this.torrentId = torrentId;
        this.pool = pool;
    }

    /** Whether {@code peer}'s connection is still open; true before the runtime is up, when nothing is known. */
    boolean open(Peer peer) {
        IPeerConnectionPool p = pool;
        if (p == null) return true;
        boolean[] open = {false};
        p.visitConnections(torrentId, c -> open[0] |= c.getRemotePeer() == peer && !c.isClosed());
        return open[0];
    }

    /** Closes every open connection whose remote peer matches. */
    void closeWhere(Predicate<Peer> remote) {
        IPeerConnectionPool p = pool;
        if (p != null) p.visitConnections(torrentId, c -> {
            if (remote.test(c.getRemotePeer())) c.closeQuietly();
        });
    }
}
