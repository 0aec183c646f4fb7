package a1.swarm;

import a1.spec.Digests;
import a1.spec.manifest.ModelManifest;
import a1.spec.manifest.ShardEntry;
import a1.spec.manifest.TorrentInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Re-checks a model folder from scratch: the manifest signature, every shard's size and SHA-256 and, when all are
 * present, the torrent info-hash. A bad shard is also dropped from the verified record so it is no longer served.
 */
public final class Verifier {
    private Verifier() {}

    public static VerifyReport verify(Path dir) throws IOException {
        return verify(dir, n -> {});
    }

    /** As {@link #verify(Path)}, telling {@code hashed} each count of shard bytes as it is hashed (for progress bars). */
    public static VerifyReport verify(Path dir, LongConsumer hashed) throws IOException {
        ModelDir md = ModelDir.open(dir);
        ModelManifest m = md.manifest();
        List<ShardEntry> good = new ArrayList<>(), missing = new ArrayList<>();
        List<VerifyReport.Bad> bad = new ArrayList<>();
        for (ShardEntry s : m.shards()) {
            Path p = md.shardPath(s);
            if (!Files.exists(p)) {
                missing.add(s);
                continue;
            }
            String problem = problem(s, p, hashed);
            if (problem == null) {
                good.add(s);
            } else {
                bad.add(new VerifyReport.Bad(s, problem));
                md.verified().remove(s.file());
            }
        }
        Optional<String> torrentProblem = Optional.empty();
        if (bad.isEmpty() && missing.isEmpty()) {
            TorrentInfo t = TorrentInfo.build(m.torrentName(), m.pieceLength(), m.shards().stream().map(md::shardPath).toList());
            if (!t.infoHash().equals(m.infoHash())) {
                torrentProblem = Optional.of("shards hash to info-hash " + t.infoHash() + ", the manifest says " + m.infoHash());
            }
        }
        return new VerifyReport(md.id(), good, missing, bad, torrentProblem);
    }

    private static String problem(ShardEntry s, Path p, LongConsumer hashed) throws IOException {
        if (!Files.isRegularFile(p)) return "not a regular file";
        long size = Files.size(p);
        if (size != s.size()) return "has " + size + " bytes, the manifest says " + s.size();
        byte[] actual = Digests.sha256(p, hashed);
        if (!java.util.Arrays.equals(actual, s.sha256())) return "sha256 " + HexFormat.of().formatHex(actual) + " does not match the manifest's " + s.sha256Hex();
        return null;
    }
}
