package a1.spec.manifest;

import a1.spec.Digests;
import a1.spec.FixedBytes;

/** A model's id: SHA-256 of its canonical manifest bytes, written as 64 lower-case hex digits. */
public final class ModelId extends FixedBytes {
    public static final int LENGTH = 32;

    public ModelId(byte[] bytes) {
        super(bytes, LENGTH, "a model id");
    }

    /** Only the lower-case spelling: a model id is written one way. */
    public static ModelId ofHex(String hex) {
        if (!hex.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("a model id is 64 lower-case hex digits, got '" + hex + "'");
        return new ModelId(parseHex(hex, LENGTH, "a model id"));
    }

    public static ModelId of(byte[] canonicalManifest) {
        return new ModelId(Digests.sha256(canonicalManifest));
    }
}
