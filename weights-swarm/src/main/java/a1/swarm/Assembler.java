package a1.swarm;

import a1.spec.manifest.ManifestException;
import a1.spec.manifest.ShardAssembler;
import a1.spec.manifest.ShardEntry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Re-assembles a model folder into {@code <torrent name>.gguf} beside it, from the verified shards only. With all
 * shards the file equals the published GGUF byte for byte (checked against the manifest's SHA-256); with a layer
 * range, unfetched tensors are holes in a full-size file, so GGUF readers open it and use the layers held.
 */
public final class Assembler {
    private Assembler() {}

    public static Path assemble(Path dir) throws IOException {
        ModelDir md = ModelDir.open(dir);
        md.reconcile();
        if (!md.verified().contains(md.manifest().metadataShard())) throw new ManifestException(dir + " has no verified metadata shard; fetch it first");
        Path staging = md.dir().resolve(".a1").resolve("assemble");
        java.nio.file.Files.createDirectories(staging);
        for (ShardEntry s : md.manifest().shards()) {
            java.nio.file.Files.deleteIfExists(staging.resolve(s.file()));
            if (md.verified().contains(s)) java.nio.file.Files.createSymbolicLink(staging.resolve(s.file()), md.shardPath(s).toAbsolutePath());
        }
        Path out = dir.resolve(md.manifest().torrentName() + ".gguf");
        ShardAssembler.assemble(md.manifest(), staging, out);
        return out;
    }
}
