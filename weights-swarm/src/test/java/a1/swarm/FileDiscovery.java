package a1.swarm;

import a1.spec.manifest.InfoHash;
import a1.spec.manifest.ModelId;
import a1.spec.sign.SignedManifest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A loopback stand-in for the DHT, shared by test processes through a folder: {@code peers/<info-hash>/<port>}
 * files and {@code manifests/<model id>}. Used only in tests; the real discovery is the mainline DHT.
 */
public final class FileDiscovery implements Discovery {
    private final Path root;
    private final InetAddress self;

    public FileDiscovery(Path root) {
        this.root = root;
        this.self = InetAddress.getLoopbackAddress();
    }

    @Override
    public void announce(InfoHash infoHash, int port) throws IOException {
        Path dir = Files.createDirectories(root.resolve("peers").resolve(infoHash.hex()));
        Files.writeString(dir.resolve(Integer.toString(port)), self.getHostAddress());
    }

    @Override
    public List<InetSocketAddress> findPeers(InfoHash infoHash) throws IOException {
        Path dir = root.resolve("peers").resolve(infoHash.hex());
        if (!Files.isDirectory(dir)) return List.of();
        List<InetSocketAddress> peers = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) peers.add(new InetSocketAddress(self, Integer.parseInt(f.getFileName().toString())));
        }
        return peers;
    }

    @Override
    public void publishManifest(byte[] signedManifest) throws IOException {
        ModelId id = SignedManifest.decode(signedManifest).modelId();
        Path dir = Files.createDirectories(root.resolve("manifests"));
        Path tmp = Files.createTempFile(dir, "m", ".tmp");
        Files.write(tmp, signedManifest);
        Files.move(tmp, dir.resolve(id.hex()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public Optional<byte[]> resolveManifest(ModelId id) throws IOException {
        Path f = root.resolve("manifests").resolve(id.hex());
        return Files.exists(f) ? Optional.of(Files.readAllBytes(f)) : Optional.empty();
    }
}
