package a1.swarm.bt;

import bt.net.Peer;
import bt.net.PeerId;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peers banned from one torrent: by listening address:port when known, and by the peer id they sent in their
 * handshake (so a banned peer that connects back from another port is still refused; a peer that connected to us
 * has no known listening port, so its id is all there is). Banning closes its open connections.
 */
final class PeerBans {
    private final Set<String> addresses = ConcurrentHashMap.newKeySet();
    private final Set<PeerId> ids = ConcurrentHashMap.newKeySet();
    private final Map<Peer, PeerId> idByPeer = new ConcurrentHashMap<>(); // Bt peers compare by identity
    private final Connections connections;

    PeerBans(Connections connections) {
        this.connections = connections;
    }

    static String key(Peer p) {
        return p.getInetAddress().getHostAddress() + ":" + p.getPort();
    }

    static String key(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    void sawHandshake(Peer peer, PeerId id) {
        idByPeer.put(peer, id);
    }

    boolean isBanned(String address) {
        return addresses.contains(address);
    }

    boolean isBanned(Peer peer, PeerId id) {
        return (!peer.isPortUnknown() && addresses.contains(key(peer))) || (id != null && ids.contains(id));
    }

    boolean isBanned(Peer peer) {
        return isBanned(peer, idByPeer.get(peer));
    }

    /** Bans {@code peer}; false if it was banned already. */
    boolean ban(Peer peer) {
        boolean added = !isBanned(peer);
        if (!peer.isPortUnknown()) addresses.add(key(peer));
        PeerId id = idByPeer.get(peer);
        if (id != null) ids.add(id);
        connections.closeWhere(remote -> remote == peer || isBanned(remote));
        return added;
    }
}
