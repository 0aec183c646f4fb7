package a1.swarm;

import a1.spec.manifest.ManifestException;
import a1.spec.manifest.ShardAssembler;
import a1.spec.manifest.ShardEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Re-assembles a model folder into a GGUF file, from the verified shards only. With all shards the file equals the
 * published GGUF byte for byte (checked against the manifest's SHA-256); with a layer range, unfetched tensors are
 * holes in a full-size file, so GGUF readers open it and use the layers held.
 */
public final class Assembler {
    private Assembler() {}

    /**
     * Writes the assembly to {@code out}, which must be the caller's own (a file that another process maps must not
     * be rewritten), while holding the folder ({@link FolderLock}); returns {@code out}.
     */
    public static Path assemble(Path dir, Path out) throws IOException {
        try (FolderLock lock = ModelDir.hold(dir)) {
            ModelDir md = ModelDir.open(dir);
            md.reconcile();
            if (!md.verified().contains(md.manifest().metadataShard())) throw new ManifestException(dir + " has no verified metadata shard; fetch it first");
            Path staging = md.dir().resolve(ModelDir.STATE).resolve("assemble");
            Files.createDirectories(staging);
            for (ShardEntry s : md.manifest().shards()) {
                Files.deleteIfExists(staging.resolve(s.file()));
                if (md.verified().contains(s)) Files.createSymbolicLink(staging.resolve(s.file()), md.shardPath(s).toAbsolutePath());
            }
            ShardAssembler.assemble(md.manifest(), staging, out);
            return out;
        }
    }
}
