package a1.swarm.bt;

import a1.spec.manifest.InfoHash;
import a1.swarm.Discovery;
import bt.metainfo.TorrentId;
import bt.net.InetPeer;
import bt.net.Peer;
import bt.peer.PeerSource;
import bt.peer.PeerSourceFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Feeds Bt the peers A1 discovery knows, minus this node and banned peers, as the search meets them. Bt asks every
 * second ({@link #ASK_INTERVAL}); a new search starts at most every {@code refresh}, and an ask answers with the
 * peers met so far instead of waiting for the whole search (a DHT lookup among contacts that left took seconds
 * after its first reply, which already named the seeder). Bt's first ask comes a second after it starts, usually
 * before the torrent is registered, so asking only every {@code refresh} (3 s) made a fetch wait that long for its
 * first peer.
 */
final class DiscoveryPeerSourceFactory implements PeerSourceFactory {
    /** How often Bt asks (its finest setting). */
    static final Duration ASK_INTERVAL = Duration.ofSeconds(1);
    /** How long an ask waits, while the first search goes on and has found nobody yet, for a first peer. */
    private static final long WAIT_MILLIS = 2_000;

    private final Discovery discovery;
    private final PeerBans bans;
    private final InetSocketAddress self;
    private final long refreshNanos;

    DiscoveryPeerSourceFactory(Discovery discovery, PeerBans bans, InetSocketAddress self, Duration refresh) {
        this.discovery = discovery;
        this.bans = bans;
        this.self = self;
        this.refreshNanos = refresh.toNanos();
    }

    @Override
    public PeerSource getPeerSource(TorrentId torrentId) {
        InfoHash infoHash = new InfoHash(torrentId.getBytes());
        return new PeerSource() {
            /** Peers of the last search that ended, and those the current one has met so far. */
            private final Set<InetSocketAddress> found = ConcurrentHashMap.newKeySet();
            private final Semaphore arrivals = new Semaphore(0);
            private CompletableFuture<Void> search = CompletableFuture.completedFuture(null);
            private long searchStarted;
            private boolean searched;

            /** Called by Bt's peer collector, one call at a time. */
            @Override
            public boolean update() {
                long now = System.nanoTime();
                if (search.isDone() && (!searched || now - searchStarted >= refreshNanos)) {
                    searched = true;
                    searchStarted = now;
                    Set<InetSocketAddress> seen = ConcurrentHashMap.newKeySet();
                    search = discovery.findPeers(infoHash, a -> {
                        seen.add(a);
                        if (found.add(a)) arrivals.release();
                    }).whenComplete((v, e) -> {
                        if (e == null) found.retainAll(seen); // peers that left drop out; a failed search keeps the last
                        arrivals.release(); // the end of the search answers a waiting ask too
                    });
                }
                if (found.isEmpty() && !search.isDone()) {
                    try {
                        arrivals.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
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
