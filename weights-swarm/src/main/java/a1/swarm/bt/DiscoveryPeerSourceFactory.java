package a1.swarm.bt;

import a1.spec.manifest.InfoHash;
import a1.swarm.Discovery;
import bt.metainfo.TorrentId;
import bt.net.InetPeer;
import bt.net.Peer;
import bt.peer.PeerSource;
import bt.peer.PeerSourceFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Feeds Bt the peers A1 discovery knows, minus this node and banned peers, as the search meets them: Bt asks every
 * {@code peerRefresh}, and an answer no longer waits for the whole search (a DHT lookup among contacts that left
 * took seconds after its first reply, which already named the seeder).
 */
final class DiscoveryPeerSourceFactory implements PeerSourceFactory {
    /** How long one of Bt's asks waits, while a search goes on, for a new peer or the search's end. */
    private static final long WAIT_MILLIS = 2_000;

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
            /** Peers of the last search that ended, and those the current one has met so far. */
            private final Set<InetSocketAddress> found = ConcurrentHashMap.newKeySet();
            private final Semaphore arrivals = new Semaphore(0);
            private CompletableFuture<Void> search = CompletableFuture.completedFuture(null);

            /** Called by Bt's peer collector, one call at a time. */
            @Override
            public boolean update() {
                if (search.isDone()) {
                    Set<InetSocketAddress> seen = ConcurrentHashMap.newKeySet();
                    search = discovery.findPeers(infoHash, a -> {
                        seen.add(a);
                        if (found.add(a)) arrivals.release();
                    }).whenComplete((v, e) -> {
                        if (e == null) found.retainAll(seen); // peers that left drop out; a failed search keeps the last
                        arrivals.release(); // the end of the search answers a waiting ask too
                    });
                }
                try {
                    arrivals.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                arrivals.drainPermits();
                return !found.isEmpty();
            }

            @Override
            public Collection<Peer> getPeers() {
                List<Peer> peers = new ArrayList<>(); // a new list: Bt mutates what it gets
                for (InetSocketAddress a : found) {
                    if (a.equals(self) || bans.isBanned(PeerBans.key(a))) continue;
                    peers.add(InetPeer.build(a.getAddress(), a.getPort()));
                }
                return peers;
            }
        };
    }
}
