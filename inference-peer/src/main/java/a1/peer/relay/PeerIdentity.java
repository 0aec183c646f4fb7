package a1.peer.relay;

import a1.spec.sign.SigningKey;
import a1.spec.wire.Handshake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A peer's Ed25519 key and its id, SHA-256 of the public key. {@link #toString} shows only the id. */
public final class PeerIdentity {
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

    /** Loads the key file (0600), creating it first if it does not exist. */
    public static PeerIdentity loadOrCreate(Path keyFile) throws IOException {
        if (!Files.exists(keyFile)) {
            if (keyFile.getParent() != null) Files.createDirectories(keyFile.getParent());
            SigningKey.generate(new SecureRandom()).save(keyFile);
        }
        return new PeerIdentity(SigningKey.load(keyFile));
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
