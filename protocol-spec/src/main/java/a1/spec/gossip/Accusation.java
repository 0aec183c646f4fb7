package a1.spec.gossip;

import a1.spec.Digests;
import a1.spec.model.LayerRange;
import a1.spec.sign.Ed25519;
import a1.spec.wire.Handshake;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A client's signed claim that a peer returned wrong activations (SPEC.md section 10, "Verification"): which peer,
 * for which layers and positions of which model, the digests of the input, of what the peer answered and of what
 * the client established as right, and the peers that witnessed it (none when the client computed it itself). The
 * signature proves who accuses, not that the accusation is true: RESULT frames are not signed, so nobody else can
 * check the claimed output. Receivers weigh accusations (by distinct accusers); they never ban on them.
 */
public record Accusation(byte[] reporterKey, String accusedId, String modelId, LayerRange layers, int startPos, int tokens,
                         byte[] inputDigest, byte[] claimedDigest, byte[] expectedDigest, List<String> witnesses,
                         long reportedAtMillis, byte[] signature) {
    public static final byte[] DOMAIN = "a1-gossip-accusation-v1".getBytes(StandardCharsets.US_ASCII);
    public static final int MAX_WITNESSES = 4;

    public Accusation {
        if (reporterKey == null || reporterKey.length != Ed25519.PUBLIC_KEY_BYTES) throw new GossipException("reporter key must be 32 bytes");
        if (signature == null || signature.length != Ed25519.SIGNATURE_BYTES) throw new GossipException("signature must be 64 bytes");
        if (accusedId == null || !accusedId.matches("[0-9a-f]{64}")) throw new GossipException("accused peer id must be 64 hex digits");
        if (modelId == null || modelId.isEmpty() || modelId.getBytes(StandardCharsets.UTF_8).length > Announcement.MAX_MODEL_ID_BYTES) throw new GossipException("model id must be 1.." + Announcement.MAX_MODEL_ID_BYTES + " bytes");
        if (layers == null || layers.end() > 0xFFFF) throw new GossipException("layer range " + layers + " is out of bounds");
        if (startPos < 0 || tokens <= 0) throw new GossipException("positions " + startPos + " +" + tokens + " are not valid");
        for (byte[] d : new byte[][] {inputDigest, claimedDigest, expectedDigest}) if (d == null || d.length != 32) throw new GossipException("digests must be 32 bytes");
        if (Arrays.equals(claimedDigest, expectedDigest)) throw new GossipException("the claimed and expected outputs are the same");
        if (witnesses == null || witnesses.size() > MAX_WITNESSES) throw new GossipException("at most " + MAX_WITNESSES + " witnesses");
        for (String w : witnesses) if (w == null || !w.matches("[0-9a-f]{64}")) throw new GossipException("a witness id must be 64 hex digits");
        if (reportedAtMillis < 0) throw new GossipException("report time must not be negative");
        reporterKey = reporterKey.clone();
        inputDigest = inputDigest.clone();
        claimedDigest = claimedDigest.clone();
        expectedDigest = expectedDigest.clone();
        witnesses = List.copyOf(witnesses);
        signature = signature.clone();
    }

    /** Signs the fields with {@code signer} (the reporter's Ed25519 key). */
    public static Accusation sign(byte[] reporterKey, String accusedId, String modelId, LayerRange layers, int startPos, int tokens,
                                  byte[] inputDigest, byte[] claimedDigest, byte[] expectedDigest, List<String> witnesses,
                                  long reportedAtMillis, UnaryOperator<byte[]> signer) {
        Accusation unsigned = new Accusation(reporterKey, accusedId, modelId, layers, startPos, tokens, inputDigest, claimedDigest,
                expectedDigest, witnesses, reportedAtMillis, new byte[64]);
        return new Accusation(reporterKey, accusedId, modelId, layers, startPos, tokens, inputDigest, claimedDigest,
                expectedDigest, witnesses, reportedAtMillis, signer.apply(unsigned.signedBytes()));
    }

    /** SHA-256 of activations as carried in F32 (big-endian binary32, row-major). */
    public static byte[] digest(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES);
        b.asFloatBuffer().put(values);
        return Digests.sha256(b.array());
    }

    public byte[] signedBytes() {
        return AccusationCodec.signedPart(this);
    }

    public boolean signatureValid() {
        return Ed25519.verify(reporterKey, signedBytes(), signature);
    }

    /** The accuser's peer id (hex SHA-256 of its key). */
    public String reporterId() {
        return HexFormat.of().formatHex(Handshake.peerId(reporterKey));
    }

    @Override
    public byte[] reporterKey() {
        return reporterKey.clone();
    }

    @Override
    public byte[] inputDigest() {
        return inputDigest.clone();
    }

    @Override
    public byte[] claimedDigest() {
        return claimedDigest.clone();
    }

    @Override
    public byte[] expectedDigest() {
        return expectedDigest.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Accusation a && Arrays.equals(AccusationCodec.encode(this), AccusationCodec.encode(a));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "Accusation(" + reporterId().substring(0, 8) + " accuses " + accusedId.substring(0, 8) + " of layers " + layers + " at " + startPos + ")";
    }
}
