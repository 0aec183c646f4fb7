package a1.spec.manifest;

import a1.spec.Digests;
import java.util.Arrays;
import java.util.HexFormat;

/** A model's id: SHA-256 of its canonical manifest bytes, written as 64 lower-case hex digits. */
public record ModelId(byte[] bytes) {
    public ModelId {
        if (bytes == null || bytes.length != 32) throw new IllegalArgumentException("a model id has 32 bytes");
        bytes = bytes.clone();
    }

    public static ModelId ofHex(String hex) {
        if (!hex.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("a model id is 64 lower-case hex digits, got '" + hex + "'");
        return new ModelId(HexFormat.of().parseHex(hex));
    }

    public static ModelId of(byte[] canonicalManifest) {
        return new ModelId(Digests.sha256(canonicalManifest));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelId m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
