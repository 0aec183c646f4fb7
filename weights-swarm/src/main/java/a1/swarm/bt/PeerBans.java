package a1.swarm.bt;

import bt.net.IPeerConnectionPool;
import bt.net.Peer;
import bt.net.PeerConnection;
import bt.net.PeerId;
import bt.metainfo.TorrentId;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peers banned from one torrent, by address:port and by the peer id they sent in their handshake (so a banned
 * peer that connects back from another port is still refused). Banning closes its open connections.
 */
final class PeerBans {
    private final Set<String> addresses = ConcurrentHashMap.newKeySet();
    private final Set<PeerId> ids = ConcurrentHashMap.newKeySet();
    private final Map<String, PeerId> idByAddress = new ConcurrentHashMap<>();
    private volatile IPeerConnectionPool pool;
    private volatile TorrentId torrentId;

    static String key(Peer p) {
        return p.getInetAddress().getHostAddress() + ":" + p.getPort();
    }

    static String key(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    void attach(IPeerConnectionPool pool, TorrentId torrentId) {
        this.pool = pool;
        this.torrentId = torrentId;
    }

    void sawHandshake(Peer peer, PeerId id) {
        idByAddress.put(key(peer), id);
    }

    boolean isBanned(String address) {
        return addresses.contains(address);
    }

    boolean isBanned(Peer peer, PeerId id) {
        return addresses.contains(key(peer)) || (id != null && ids.contains(id));
    }

    void ban(String address) {
        addresses.add(address);
        PeerId id = idByAddress.get(address);
        if (id != null) ids.add(id);
        IPeerConnectionPool p = pool;
        if (p != null && torrentId != null) {
            p.visitConnections(torrentId, (PeerConnection c) -> {
                if (isBanned(c.getRemotePeer(), idByAddress.get(key(c.getRemotePeer())))) c.closeQuietly();
            });
        }
    }
}
