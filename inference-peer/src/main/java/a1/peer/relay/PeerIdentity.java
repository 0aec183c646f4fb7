package a1.peer.relay;

import a1.spec.sign.SigningKey;
import a1.spec.wire.Handshake;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** A peer's Ed25519 key and its id, SHA-256 of the public key. {@link #toString} shows only the id. */
public final class PeerIdentity {
    /** The locks of the key files this process holds: kept reachable, since a collected channel would release its lock. */
    private static final List<FileChannel> HELD = new ArrayList<>();
    private final SigningKey key;
    private final byte[] publicKey;
    private final byte[] id;
    private PeerCertificate certificate;

    public PeerIdentity(SigningKey key) {
        this.key = key;
        this.publicKey = key.publicKey();
        this.id = Handshake.peerId(publicKey);
    }

    public static PeerIdentity generate() {
        return new PeerIdentity(SigningKey.generate(new SecureRandom()));
    }

    /**
     * Loads the key file (0600), creating it first if it does not exist, and holds it for as long as this process
     * runs: an exclusive lock on FILE.lock beside it, which the system releases when the process ends, however it
     * ends. Empty when another process, or this one, holds it already: two peers with one key would have one id,
     * and the swarm would see only one of them.
     */
    public static synchronized Optional<PeerIdentity> claim(Path keyFile) throws IOException {
        Path file = keyFile.toAbsolutePath();
        Files.createDirectories(file.getParent());
        FileChannel lock = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (lock.tryLock() == null) {
                lock.close();
                return Optional.empty();
            }
            if (!Files.exists(file)) SigningKey.generate(new SecureRandom()).save(file);
            PeerIdentity id = new PeerIdentity(SigningKey.load(file));
            HELD.add(lock);
            return Optional.of(id);
        } catch (OverlappingFileLockException e) {
            lock.close();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public byte[] sign(byte[] message) {
        return key.sign(message);
    }

    /** The TLS certificate of this identity, made on first use. */
    synchronized PeerCertificate certificate() {
        if (certificate == null) certificate = PeerCertificate.create(this, key.toPrivateKey());
        return certificate;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] id() {
        return id.clone();
    }

    public String hexId() {
        return HexFormat.of().formatHex(id);
    }

    @Override
    public String toString() {
        return "peer " + hexId().substring(0, 8);
    }
}
