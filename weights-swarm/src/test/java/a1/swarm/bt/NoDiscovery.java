package a1.swarm.bt;

import a1.spec.manifest.InfoHash;
import a1.spec.manifest.ModelId;
import a1.swarm.Discovery;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** Discovery that knows nobody, for tests of one backend alone. */
final class NoDiscovery implements Discovery {
    @Override
    public void announce(InfoHash infoHash, int port) {}

    @Override
    public List<InetSocketAddress> findPeers(InfoHash infoHash) {
        return List.of();
    }

    @Override
    public void publishManifest(byte[] signedManifest) {}

    @Override
    public Optional<byte[]> resolveManifest(ModelId id) {
        return Optional.empty();
    }
}
