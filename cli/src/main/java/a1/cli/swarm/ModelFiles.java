package a1.cli.swarm;

import a1.swarm.Assembler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * GGUF files assembled from a model folder's verified shards (the shards not held are holes), each under a name of
 * its own in {@code .a1/open/}: a peer or client may be serving from an earlier assembly (mapped) in this or another
 * process, which a rewrite in place would corrupt. A file is named after the process that made it; files of processes
 * no longer running are removed.
 */
public final class ModelFiles {
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private ModelFiles() {}

    public static Path assemble(Path modelDir) throws IOException {
        Path open = Files.createDirectories(modelDir.resolve(".a1").resolve("open"));
        removeStale(open);
        return Assembler.assemble(modelDir, open.resolve(ProcessHandle.current().pid() + "-" + SERIAL.incrementAndGet() + ".gguf"));
    }

    private static void removeStale(Path open) throws IOException {
        try (Stream<Path> files = Files.list(open)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                int dash = name.indexOf('-');
                if (dash <= 0) continue;
                try {
                    if (ProcessHandle.of(Long.parseLong(name.substring(0, dash))).isEmpty()) Files.deleteIfExists(f);
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        }
    }
}
