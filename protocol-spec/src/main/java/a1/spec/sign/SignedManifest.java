package a1.spec.sign;

import a1.spec.bencode.BDict;
import a1.spec.bencode.BString;
import a1.spec.bencode.Bencode;
import a1.spec.bencode.BencodeException;
import a1.spec.manifest.ManifestCodec;
import a1.spec.manifest.ManifestException;
import a1.spec.manifest.ModelId;
import a1.spec.manifest.ModelManifest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A canonical manifest and the publisher's Ed25519 signature over {@value #DOMAIN} followed by the manifest bytes
 * (SPEC.md, "Signed manifest"). The signing key is the manifest's own {@code publisher} field, so the model id
 * (SHA-256 of the manifest bytes) also pins who published it. Instances only exist with a valid signature.
 */
public final class SignedManifest {
    public static final String DOMAIN = "a1-manifest-v1\0";

    private final byte[] manifestBytes;
    private final byte[] signature;
    private final ModelManifest manifest;

    private SignedManifest(byte[] manifestBytes, byte[] signature, ModelManifest manifest) {
        this.manifestBytes = manifestBytes;
        this.signature = signature;
        this.manifest = manifest;
    }

    public static SignedManifest sign(ModelManifest m, SigningKey key) {
        if (!Arrays.equals(m.publisher(), key.publicKey())) throw new IllegalArgumentException("the manifest names another publisher key than the signing key");
        byte[] bytes = ManifestCodec.encode(m);
        return new SignedManifest(bytes, key.sign(signedMessage(bytes)), m);
    }

    /** Decodes and checks the signature; every failure is a {@link ManifestException} saying what is wrong. */
    public static SignedManifest decode(byte[] encoded) throws ManifestException {
        if (encoded.length > ManifestCodec.MAX_BYTES + 256) throw new ManifestException("signed manifest is too large (" + encoded.length + " bytes)");
        BDict d;
        try {
            if (!(Bencode.decode(encoded) instanceof BDict dict)) throw new ManifestException("signed manifest must be a dictionary");
            d = dict;
        } catch (BencodeException e) {
            throw new ManifestException("signed manifest is not canonical bencode: " + e.getMessage());
        }
        if (d.entries().size() != 2 || !(d.get("manifest") instanceof BString manifestString) || !(d.get("signature") instanceof BString sigString)) {
            throw new ManifestException("signed manifest must hold exactly 'manifest' and 'signature'");
        }
        byte[] bytes = manifestString.bytes(), sig = sigString.bytes();
        ModelManifest m = ManifestCodec.decode(bytes);
        if (!Ed25519.verify(m.publisher(), signedMessage(bytes), sig)) {
            throw new ManifestException("manifest signature is not valid for publisher key " + java.util.HexFormat.of().formatHex(m.publisher()));
        }
        return new SignedManifest(bytes, sig, m);
    }

    /** Decodes, checks the signature and that the manifest is the one {@code expected} names. */
    public static SignedManifest decode(byte[] encoded, ModelId expected) throws ManifestException {
        SignedManifest s = decode(encoded);
        if (!s.modelId().equals(expected)) throw new ManifestException("manifest has model id " + s.modelId() + ", expected " + expected);
        return s;
    }

    public byte[] encode() {
        return Bencode.encode(BDict.of(Map.of("manifest", new BString(manifestBytes), "signature", new BString(signature))));
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public byte[] manifestBytes() {
        return manifestBytes.clone();
    }

    public ModelId modelId() {
        return ModelId.of(manifestBytes);
    }

    private static byte[] signedMessage(byte[] manifestBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(DOMAIN.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(manifestBytes);
        return out.toByteArray();
    }
}
