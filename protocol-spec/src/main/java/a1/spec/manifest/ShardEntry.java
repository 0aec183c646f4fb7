package a1.spec.manifest;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One shard: its role (and layer index for {@link ShardRole#LAYER}, else -1), file name, size, SHA-256, and the
 * extents of the original GGUF it carries, in order (the shard's bytes are their concatenation).
 */
public record ShardEntry(ShardRole role, int layer, String file, long size, byte[] sha256, List<ShardExtent> extents) {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    public ShardEntry {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(file, "file");
        if ((role == ShardRole.LAYER) != (layer >= 0)) throw new IllegalArgumentException("shard " + file + ": role " + role.wireName() + " with layer " + layer);
        if (!SAFE_NAME.matcher(file).matches()) throw new IllegalArgumentException("shard file name '" + file + "' is not a safe file name");
        if (sha256 == null || sha256.length != 32) throw new IllegalArgumentException("shard " + file + ": sha256 must be 32 bytes");
        sha256 = sha256.clone();
        extents = List.copyOf(extents);
        if (extents.isEmpty()) throw new IllegalArgumentException("shard " + file + " has no extents");
        long sum = 0;
        for (ShardExtent e : extents) sum = Math.addExact(sum, e.length());
        if (sum != size) throw new IllegalArgumentException("shard " + file + ": size " + size + " but its extents hold " + sum + " bytes");
    }

    /** The file name a publisher gives the shard of this role (and layer). */
    public static String fileName(ShardRole role, int layer) {
        return switch (role) {
            case METADATA -> "metadata.bin";
            case EMBEDDING -> "embedding.bin";
            case LAYER -> String.format("layer-%03d.bin", layer);
            case HEAD -> "head.bin";
        };
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    /** "layer 3", "embedding", ... for messages. */
    public String label() {
        return role == ShardRole.LAYER ? "layer " + layer : role.wireName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShardEntry s && role == s.role && layer == s.layer && file.equals(s.file) && size == s.size
                && Arrays.equals(sha256, s.sha256) && extents.equals(s.extents);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, layer, file, size, Arrays.hashCode(sha256), extents);
    }

    @Override
    public String toString() {
        return file + " (" + label() + ", " + size + " B, sha256 " + sha256Hex() + ")";
    }
}
