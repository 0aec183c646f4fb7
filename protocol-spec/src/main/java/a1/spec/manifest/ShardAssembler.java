package a1.spec.manifest;

import a1.spec.Digests;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Rebuilds the original GGUF from shard files by writing each shard's bytes back to its extents. With every shard
 * present the result is checked against the manifest's file SHA-256. With some missing (a peer that holds a layer
 * range) the file keeps its full size and the missing extents are holes, so GGUF readers still open it and only
 * the held tensors have their data.
 */
public final class ShardAssembler {
    private ShardAssembler() {}

    /** Writes {@code out} from the shards in {@code shardDir}; returns the shards that were not there. */
    public static List<ShardEntry> assemble(ModelManifest m, Path shardDir, Path out) throws IOException {
        List<ShardEntry> missing = new ArrayList<>();
        try (FileChannel dst = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            for (ShardEntry s : m.shards()) {
                Path file = shardDir.resolve(s.file());
                if (!Files.isRegularFile(file)) {
                    missing.add(s);
                    continue;
                }
                if (Files.size(file) != s.size()) throw new ManifestException("shard " + s.file() + " (" + s.label() + ") has " + Files.size(file) + " bytes, the manifest says " + s.size());
                try (FileChannel src = FileChannel.open(file, StandardOpenOption.READ)) {
                    long pos = 0;
                    for (ShardExtent e : s.extents()) {
                        copy(src, pos, dst, e.offset(), e.length());
                        pos += e.length();
                    }
                }
            }
            if (dst.size() < m.fileSize()) dst.write(java.nio.ByteBuffer.allocate(1), m.fileSize() - 1); // extend; the tail stays a hole
            if (dst.size() != m.fileSize()) throw new IOException(out + " could not be sized to " + m.fileSize() + " bytes");
            dst.force(true);
        }
        if (missing.isEmpty()) {
            byte[] actual = Digests.sha256(out);
            if (!Arrays.equals(actual, m.fileSha256())) {
                throw new ManifestException("re-assembled " + out.getFileName() + " has sha256 " + HexFormat.of().formatHex(actual)
                        + ", the manifest says " + HexFormat.of().formatHex(m.fileSha256()));
            }
        }
        return missing;
    }

    private static void copy(FileChannel src, long srcPos, FileChannel dst, long dstPos, long length) throws IOException {
        long done = 0;
        while (done < length) {
            long n = src.transferTo(srcPos + done, length - done, dst.position(dstPos + done));
            if (n <= 0) throw new IOException("shard ended early while copying");
            done += n;
        }
    }
}
