package a1.spec.manifest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a publisher signs about one model (SPEC.md, "Manifest"): model facts, the original GGUF's size and SHA-256,
 * the torrent that carries the shards (name, piece length, info-hash), the publisher's Ed25519 public key and every
 * shard. The constructor enforces the invariants a decoder relies on: shards in canonical order (metadata,
 * embedding, layers ascending, head), unique file names, and extents that tile the original file exactly.
 */
public record ModelManifest(ModelInfo info, long fileSize, byte[] fileSha256, String torrentName, long pieceLength,
                            InfoHash infoHash, byte[] publisher, List<ShardEntry> shards) {
    public static final int FORMAT_VERSION = 1;

    public ModelManifest {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(torrentName, "torrentName");
        if (fileSha256 == null || fileSha256.length != 32) throw new IllegalArgumentException("file sha256 must be 32 bytes");
        if (publisher == null || publisher.length != 32) throw new IllegalArgumentException("publisher key must be 32 bytes");
        if (pieceLength < 16384 || Long.bitCount(pieceLength) != 1) throw new IllegalArgumentException("piece length " + pieceLength + " is not a power of two >= 16384");
        if (!torrentName.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")) throw new IllegalArgumentException("torrent name '" + torrentName + "' is not a safe file name");
        fileSha256 = fileSha256.clone();
        publisher = publisher.clone();
        shards = List.copyOf(shards);
        checkOrder(shards);
        checkTiling(shards, fileSize);
    }

    private static void checkOrder(List<ShardEntry> shards) {
        if (shards.isEmpty() || shards.getFirst().role() != ShardRole.METADATA) throw new IllegalArgumentException("the first shard must be the metadata shard");
        Set<String> names = new HashSet<>();
        ShardEntry prev = null;
        for (ShardEntry s : shards) {
            if (!names.add(s.file())) throw new IllegalArgumentException("two shards are named " + s.file());
            if (prev != null && ORDER.compare(prev, s) >= 0) throw new IllegalArgumentException("shard " + s.file() + " (" + s.label() + ") is out of order or repeated");
            prev = s;
        }
    }

    /** Canonical shard order: by role, then by layer. */
    public static final Comparator<ShardEntry> ORDER = Comparator.comparing(ShardEntry::role).thenComparingInt(ShardEntry::layer);

    private static void checkTiling(List<ShardEntry> shards, long fileSize) {
        List<ShardExtent> all = new ArrayList<>();
        for (ShardEntry s : shards) all.addAll(s.extents());
        all.sort(Comparator.comparingLong(ShardExtent::offset));
        long next = 0;
        for (ShardExtent e : all) {
            if (e.offset() != next) throw new IllegalArgumentException("shard extents do not tile the file: gap or overlap at byte " + Math.min(next, e.offset()));
            next = e.end();
        }
        if (next != fileSize) throw new IllegalArgumentException("shard extents cover " + next + " bytes, the file has " + fileSize);
    }

    @Override
    public byte[] fileSha256() {
        return fileSha256.clone();
    }

    @Override
    public byte[] publisher() {
        return publisher.clone();
    }

    public Optional<ShardEntry> shard(String file) {
        return shards.stream().filter(s -> s.file().equals(file)).findFirst();
    }

    public ShardEntry metadataShard() {
        return shards.getFirst();
    }

    public long shardBytes() {
        return shards.stream().mapToLong(ShardEntry::size).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelManifest m && info.equals(m.info) && fileSize == m.fileSize && Arrays.equals(fileSha256, m.fileSha256)
                && torrentName.equals(m.torrentName) && pieceLength == m.pieceLength && infoHash.equals(m.infoHash)
                && Arrays.equals(publisher, m.publisher) && shards.equals(m.shards);
    }

    @Override
    public int hashCode() {
        return Objects.hash(info, fileSize, Arrays.hashCode(fileSha256), torrentName, pieceLength, infoHash, Arrays.hashCode(publisher), shards);
    }

    @Override
    public String toString() {
        return "manifest of " + info.name() + " (" + shards.size() + " shards, info-hash " + infoHash + ", publisher " + HexFormat.of().formatHex(publisher) + ")";
    }
}
