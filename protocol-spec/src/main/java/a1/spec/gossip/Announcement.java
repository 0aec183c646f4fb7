package a1.spec.gossip;

import a1.spec.model.LayerRange;
import a1.spec.sign.Ed25519;
import a1.spec.wire.Handshake;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

/**
 * A serving peer's signed statement (SPEC.md section 10, "Announcements"): who it is, where it listens, which layers
 * of which model it serves, how fast, how loaded, with a sequence number that only grows and an expiry time. The
 * signature covers {@link #DOMAIN} and every other field, in their encoded form.
 */
public record Announcement(byte[] publicKey, String host, int port, String modelId, LayerRange layers, float throughput,
                           int load, long sequence, long expiresAtMillis, byte[] signature) {
    public static final byte[] DOMAIN = "a1-gossip-announcement-v1".getBytes(StandardCharsets.US_ASCII);
    public static final int MAX_HOST_BYTES = 255;
    public static final int MAX_MODEL_ID_BYTES = 128;

    public Announcement {
        if (publicKey == null || publicKey.length != Ed25519.PUBLIC_KEY_BYTES) throw new GossipException("public key must be 32 bytes");
        if (signature == null || signature.length != Ed25519.SIGNATURE_BYTES) throw new GossipException("signature must be 64 bytes");
        if (host == null || host.isEmpty() || host.getBytes(StandardCharsets.UTF_8).length > MAX_HOST_BYTES) throw new GossipException("host must be 1.." + MAX_HOST_BYTES + " bytes");
        if (port < 1 || port > 65535) throw new GossipException("port " + port + " is not a TCP port");
        if (modelId == null || modelId.isEmpty() || modelId.getBytes(StandardCharsets.UTF_8).length > MAX_MODEL_ID_BYTES) throw new GossipException("model id must be 1.." + MAX_MODEL_ID_BYTES + " bytes");
        if (layers == null || layers.end() > 0xFFFF) throw new GossipException("layer range " + layers + " is out of bounds");
        if (!(throughput >= 0) || Float.isInfinite(throughput)) throw new GossipException("throughput must be a finite non-negative number");
        if (load < 0 || sequence < 0) throw new GossipException("load and sequence must not be negative");
        publicKey = publicKey.clone();
        signature = signature.clone();
    }

    /** Signs the fields with {@code signer} (the peer's Ed25519 key, as a function from message to signature). */
    public static Announcement sign(byte[] publicKey, String host, int port, String modelId, LayerRange layers, float throughput,
                                    int load, long sequence, long expiresAtMillis, UnaryOperator<byte[]> signer) {
        Announcement unsigned = new Announcement(publicKey, host, port, modelId, layers, throughput, load, sequence, expiresAtMillis, new byte[64]);
        return new Announcement(publicKey, host, port, modelId, layers, throughput, load, sequence, expiresAtMillis, signer.apply(unsigned.signedBytes()));
    }

    /** The bytes the signature covers: the domain tag, then the encoding without the signature. */
    public byte[] signedBytes() {
        return AnnouncementCodec.signedPart(this);
    }

    public boolean signatureValid() {
        return Ed25519.verify(publicKey, signedBytes(), signature);
    }

    public String peerId() {
        return HexFormat.of().formatHex(Handshake.peerId(publicKey));
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Announcement a && Arrays.equals(publicKey, a.publicKey) && host.equals(a.host) && port == a.port
                && modelId.equals(a.modelId) && layers.equals(a.layers) && Float.compare(throughput, a.throughput) == 0 && load == a.load
                && sequence == a.sequence && expiresAtMillis == a.expiresAtMillis && Arrays.equals(signature, a.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "Announcement(" + peerId().substring(0, 8) + " " + host + ":" + port + " layers " + layers + " seq " + sequence + ")";
    }
}
