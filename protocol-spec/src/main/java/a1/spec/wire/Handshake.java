package a1.spec.wire;

import a1.spec.Digests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What each side of a relay connection signs to prove it holds its key (SPEC.md section 10, "Handshake"): the
 * domain tag, the challenge the other side sent, the signer's peer id and the verifier's peer id. Binding both ids
 * stops a relay of the proof to a third peer; the fresh challenge stops a replay of an old one.
 */
public final class Handshake {
    public static final byte[] DOMAIN = "a1-relay-handshake-v1".getBytes(StandardCharsets.US_ASCII);

    private Handshake() {}

    public static byte[] transcript(byte[] challenge, byte[] signerId, byte[] verifierId) {
        return ByteBuffer.allocate(DOMAIN.length + challenge.length + signerId.length + verifierId.length)
                .put(DOMAIN).put(challenge).put(signerId).put(verifierId).array();
    }

    /** A peer's id: SHA-256 of its Ed25519 public key. */
    public static byte[] peerId(byte[] publicKey) {
        return Digests.sha256(publicKey);
    }
}
