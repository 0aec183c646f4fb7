package a1.swarm.bt;

import a1.spec.manifest.InfoHash;
import a1.swarm.Discovery;
import bt.metainfo.TorrentId;
import bt.net.InetPeer;
import bt.net.Peer;
import bt.peer.PeerSource;
import bt.peer.PeerSourceFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Feeds Bt the peers A1 discovery knows, minus this node and banned peers. */
final class DiscoveryPeerSourceFactory implements PeerSourceFactory {
    private final Discovery discovery;
    private final PeerBans bans;
    private final InetSocketAddress self;

    DiscoveryPeerSourceFactory(Discovery discovery, PeerBans bans, InetSocketAddress self) {
        this.discovery = discovery;
        this.bans = bans;
        this.self = self;
    }

    @Override
    public PeerSource getPeerSource(TorrentId torrentId) {
        InfoHash infoHash = new InfoHash(torrentId.getBytes());
        return new PeerSource() {
            private volatile List<Peer> peers = new ArrayList<>();

            @Override
            public boolean update() {
                try {
                    List<Peer> found = new ArrayList<>();
                    for (InetSocketAddress a : discovery.findPeers(infoHash)) {
                        if (a.equals(self) || bans.isBanned(PeerBans.key(a))) continue;
                        found.add(InetPeer.build(a.getAddress(), a.getPort()));
                    }
                    peers = found;
                    return true;
                } catch (IOException e) {
                    return false; // discovery is best-effort; the next refresh tries again
                }
            }

            @Override
            public Collection<Peer> getPeers() {
                return new ArrayList<>(peers); // Bt mutates what it gets
            }
        };
    }
}
