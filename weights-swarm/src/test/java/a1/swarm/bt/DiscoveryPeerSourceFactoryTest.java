package a1.swarm.bt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.manifest.InfoHash;
import a1.spec.manifest.ModelId;
import a1.swarm.Discovery;
import bt.metainfo.TorrentId;
import bt.net.Peer;
import bt.peer.PeerSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Bt gets the peers a search meets while it goes on, not only once it ends; peers a later search misses drop out. */
class DiscoveryPeerSourceFactoryTest {
    static final InetSocketAddress SELF = peer(6000), A = peer(6001), B = peer(6002);

    static InetSocketAddress peer(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Searches that the test drives: each call opens one, its peers and end handed over by the test. */
    static final class Searches implements Discovery {
        final List<Consumer<InetSocketAddress>> sinks = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> ends = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> findPeers(InfoHash infoHash, Consumer<InetSocketAddress> onPeer) {
            sinks.add(onPeer);
            CompletableFuture<Void> end = new CompletableFuture<>();
            ends.add(end);
            return end;
        }

        @Override
        public List<InetSocketAddress> findPeers(InfoHash infoHash) {
            throw new UnsupportedOperationException("the peer source streams");
        }

        @Override
        public void announce(InfoHash infoHash, int port) {}

        @Override
        public void publishManifest(byte[] signedManifest) {}

        @Override
        public Optional<byte[]> resolveManifest(ModelId id) {
            return Optional.empty();
        }
    }

    static Set<InetSocketAddress> addresses(PeerSource s) {
        return s.getPeers().stream().map(p -> new InetSocketAddress(p.getInetAddress(), p.getPort())).collect(Collectors.toSet());
    }

    @Test
    void peersComeAsTheSearchMeetsThem() throws Exception {
        Searches d = new Searches();
        PeerSource source = new DiscoveryPeerSourceFactory(d, new PeerBans(new Connections()), SELF, Duration.ZERO).getPeerSource(TorrentId.fromBytes(new byte[20]));
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(source::update);
        while (d.sinks.isEmpty()) Thread.sleep(1);
        d.sinks.get(0).accept(A);
        d.sinks.get(0).accept(SELF);
        assertTrue(first.get());
        assertFalse(d.ends.get(0).isDone(), "the search goes on");
        assertEquals(Set.of(A), addresses(source), "this node is left out");

        d.sinks.get(0).accept(B);
        d.ends.get(0).complete(null);
        assertTrue(source.update()); // the search had ended: this ask starts the next one
        assertEquals(2, d.sinks.size());
        d.sinks.get(1).accept(B);
        d.ends.get(1).complete(null);
        assertTrue(source.update());
        assertEquals(Set.of(B), addresses(source), "A, which the last search did not meet, dropped out");

        d.ends.get(2).completeExceptionally(new RuntimeException("DHT down"));
        assertTrue(source.update());
        assertEquals(Set.of(B), addresses(source), "a failed search keeps the last peers");
    }

    @Test
    void asksBetweenRefreshesAnswerFromTheLastSearchWithoutStartingAnother() throws Exception {
        Searches d = new Searches();
        PeerSource source = new DiscoveryPeerSourceFactory(d, new PeerBans(new Connections()), SELF, Duration.ofHours(1))
                .getPeerSource(TorrentId.fromBytes(new byte[20]));
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(source::update);
        while (d.sinks.isEmpty()) Thread.sleep(1);
        d.sinks.get(0).accept(A);
        assertTrue(first.get());
        d.ends.get(0).complete(null);
        assertTrue(source.update());
        assertTrue(source.update());
        assertEquals(1, d.sinks.size(), "one search per refresh, however often Bt asks");
        assertEquals(Set.of(A), addresses(source));
    }
}
