package a1.swarm;

import a1.spec.manifest.ModelId;
import a1.spec.manifest.ShardEntry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A1's own record of the shards of one model folder that matched their SHA-256, so a restart trusts them without
 * re-hashing. The file is replaced atomically (write a temp file, fsync, rename, fsync the folder), and a shard is
 * only added after its data was fsynced, so a crash never leaves a shard marked verified that is not.
 * Format (SPEC.md, "Verified-shard record"): a line {@code a1-verified-v1 <model id>}, then one line per shard,
 * {@code <sha256 hex> <size> <file>}.
 */
public final class VerifiedShards {
    private static final String HEADER = "a1-verified-v1 ";

    private final Path file;
    private final ModelId model;
    private final Map<String, String> entries = new LinkedHashMap<>(); // file -> "sha size"

    private VerifiedShards(Path file, ModelId model) {
        this.file = file;
        this.model = model;
    }

    /** Loads the record; a missing, foreign or damaged record counts as empty (it only ever saves work). */
    public static VerifiedShards load(Path file, ModelId model) throws IOException {
        VerifiedShards v = new VerifiedShards(file, model);
        if (!Files.isRegularFile(file) || Files.size(file) > (1 << 22)) return v;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.getFirst().equals(HEADER + model.hex())) return v;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(" ", 3);
            if (f.length == 3 && f[0].matches("[0-9a-f]{64}") && f[1].matches("[0-9]{1,19}")) v.entries.put(f[2], f[0] + " " + f[1]);
        }
        return v;
    }

    public synchronized boolean contains(ShardEntry s) {
        return (s.sha256Hex() + " " + s.size()).equals(entries.get(s.file()));
    }

    public synchronized Map<String, String> asMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public synchronized void add(ShardEntry s) throws IOException {
        entries.put(s.file(), s.sha256Hex() + " " + s.size());
        save();
    }

    public synchronized void remove(String shardFile) throws IOException {
        if (entries.remove(shardFile) != null) save();
    }

    private void save() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append(model.hex()).append('\n');
        entries.forEach((name, hashSize) -> sb.append(hashSize.split(" ")[0]).append(' ').append(hashSize.split(" ")[1]).append(' ').append(name).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(file.getParent());
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
