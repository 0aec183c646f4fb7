package a1.spec.wire;

import a1.spec.Digests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What each side of a relay connection signs to prove it holds its key (SPEC.md section 10, "Handshake"): the
 * domain tag, the challenge the other side sent, the signer's peer id, the verifier's peer id and the channel
 * binding of the TLS connection it runs in. Binding both ids stops a relay of the proof to a third peer; the fresh
 * challenge stops a replay of an old one; the channel binding stops a man in the middle who terminates TLS on each
 * side from forwarding the proof, since his two TLS connections export different values.
 */
public final class Handshake {
    public static final byte[] DOMAIN = "a1-relay-handshake-v2".getBytes(StandardCharsets.US_ASCII);
    /** RFC 8446 section 7.5 exporter label for the channel binding (empty context). */
    public static final String EXPORTER_LABEL = "EXPORTER-a1-relay-handshake";
    public static final int BINDING_BYTES = 32;

    private Handshake() {}

    public static byte[] transcript(byte[] challenge, byte[] signerId, byte[] verifierId, byte[] channelBinding) {
        if (channelBinding.length != BINDING_BYTES) throw new IllegalArgumentException("a channel binding has " + BINDING_BYTES + " bytes, got " + channelBinding.length);
        return ByteBuffer.allocate(DOMAIN.length + challenge.length + signerId.length + verifierId.length + BINDING_BYTES)
                .put(DOMAIN).put(challenge).put(signerId).put(verifierId).put(channelBinding).array();
    }

    /** A peer's id: SHA-256 of its Ed25519 public key. */
    public static byte[] peerId(byte[] publicKey) {
        return Digests.sha256(publicKey);
    }
}
