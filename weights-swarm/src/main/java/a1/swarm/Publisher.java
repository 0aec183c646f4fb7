package a1.swarm;

import a1.spec.Digests;
import a1.spec.gguf.GgufFile;
import a1.spec.manifest.GgufSharder;
import a1.spec.manifest.InfoHash;
import a1.spec.manifest.ManifestException;
import a1.spec.manifest.ModelInfo;
import a1.spec.manifest.ModelManifest;
import a1.spec.manifest.ShardEntry;
import a1.spec.manifest.TorrentInfo;
import a1.spec.sign.SignedManifest;
import a1.spec.sign.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Publishes a GGUF: shards it, builds the torrent of the shards (its info-hash depends only on them), then the
 * manifest that records that info-hash, and signs it. The output folder is a complete {@link ModelDir}.
 */
public final class Publisher {
    private Publisher() {}

    public static PublishedModel publish(Path gguf, Path keyFile, Path outDir) throws IOException {
        return publish(gguf, keyFile, outDir, n -> {});
    }

    /** The bytes {@link #publish} reads and writes for {@code gguf}: its tensors are sharded, hashed into pieces, and the whole file hashed. */
    public static long work(Path gguf) throws IOException {
        return 3 * Files.size(gguf);
    }

    /** As {@link #publish(Path, Path, Path)}, telling {@code done} each count of bytes processed, out of about {@link #work}. */
    public static PublishedModel publish(Path gguf, Path keyFile, Path outDir, LongConsumer done) throws IOException {
        SigningKey key = SigningKey.load(keyFile); // first: a bad key file should fail before any work
        if (Files.exists(outDir) && (!Files.isDirectory(outDir) || Files.list(outDir).findAny().isPresent())) {
            throw new ManifestException("output folder " + outDir + " exists and is not empty");
        }
        Files.createDirectories(outDir);
        String stem = gguf.getFileName().toString().replaceFirst("\\.gguf$", "");
        List<ShardEntry> shards;
        ModelInfo info;
        try (GgufFile g = GgufFile.open(gguf)) {
            shards = GgufSharder.write(g, outDir, done);
            info = GgufSharder.info(g.metadata(), stem);
        }
        String torrentName = torrentName(stem);
        long total = shards.stream().mapToLong(ShardEntry::size).sum();
        long pieceLength = TorrentInfo.pieceLengthFor(total);
        TorrentInfo torrent = TorrentInfo.build(torrentName, pieceLength, shards.stream().map(s -> outDir.resolve(s.file())).toList(), done);
        ModelManifest manifest = new ModelManifest(info, Files.size(gguf), Digests.sha256(gguf, done), torrentName, pieceLength,
                new InfoHash(torrent.infoHash().bytes()), key.publicKey(), shards);
        SignedManifest signed = SignedManifest.sign(manifest, key);
        ModelDir dir = ModelDir.create(outDir, signed);
        dir.saveMetainfo(torrent.metainfo());
        for (ShardEntry s : shards) dir.verified().add(s); // written and fsynced by the sharder, hashed as written
        return new PublishedModel(signed.modelId(), signed, outDir);
    }

    /** The GGUF file stem reduced to safe characters; it names the torrent's folder in other BitTorrent clients. */
    static String torrentName(String stem) {
        String safe = stem.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^[.]+", "");
        if (safe.isEmpty()) safe = "model";
        return safe.length() > 100 ? safe.substring(0, 100) : safe;
    }
}
