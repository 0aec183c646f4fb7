package a1.spec.gguf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The real GGUF files in ../shared that every test reads (CI has them; a missing folder is a failure, not a skip). */
final class SharedFiles {
    static Path shared() {
        Path p = Path.of(System.getProperty("a1.shared", "../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("models"))) throw new IllegalStateException("reference data not found at " + p);
        return p;
    }

    static Stream<Path> allGgufs() {
        try {
            return Stream.concat(Files.list(shared().resolve("models")), Files.list(shared().resolve("vocab")))
                    .filter(p -> p.toString().endsWith(".gguf")).sorted();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SharedFiles() {}
}
