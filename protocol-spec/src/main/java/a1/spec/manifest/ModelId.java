package a1.spec.manifest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
        return new ModelId(sha256(canonicalManifest));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
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
