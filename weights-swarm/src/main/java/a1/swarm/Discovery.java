package a1.swarm;

import a1.spec.manifest.InfoHash;
import a1.spec.manifest.ModelId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * How peers find each other and a model's signed manifest without a tracker. The real implementation is the
 * mainline DHT (module tracker-free-dht); tests use a loopback registry. Implementations must be thread-safe.
 */
public interface Discovery {
    /** Tells the swarm of {@code infoHash} that this node serves it on {@code port} (its own address is implied). */
    void announce(InfoHash infoHash, int port) throws IOException;

    /** Peers that announced {@code infoHash}; may include this node, and may be stale. */
    List<InetSocketAddress> findPeers(InfoHash infoHash) throws IOException;

    /**
     * As {@link #findPeers(InfoHash)}, handing each peer to {@code onPeer} as soon as the search meets it (a DHT
     * lookup may go on for seconds after the first replies); completes when the search ends. By default all at
     * once, at the end.
     */
    default CompletableFuture<Void> findPeers(InfoHash infoHash, Consumer<InetSocketAddress> onPeer) {
        try {
            findPeers(infoHash).forEach(onPeer);
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Makes the signed manifest ({@code SignedManifest.encode()}) resolvable by its model id. */
    void publishManifest(byte[] signedManifest) throws IOException;

    /** The signed manifest bytes for {@code id}, unverified (the caller checks signature and id). */
    Optional<byte[]> resolveManifest(ModelId id) throws IOException;
}
