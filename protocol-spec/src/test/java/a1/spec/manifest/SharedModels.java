package a1.spec.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The real GGUF files in ../shared (a missing folder is a failure, not a skip). */
final class SharedModels {
    static Stream<Path> all() {
        Path shared = Path.of(System.getProperty("a1.shared", "../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(shared.resolve("models"))) throw new IllegalStateException("reference data not found at " + shared);
        try {
            return Stream.concat(Files.list(shared.resolve("models")), Files.list(shared.resolve("vocab")))
                    .filter(p -> p.toString().endsWith(".gguf")).sorted();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SharedModels() {}
}
