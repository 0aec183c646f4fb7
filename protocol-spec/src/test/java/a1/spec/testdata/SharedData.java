package a1.spec.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The reference data in ../shared (real models, llama.cpp's golden outputs, tokenizer vocabularies) that tests
 * read. CI has it: a missing folder fails the test run instead of skipping it. Shared with the other modules'
 * tests through this module's test-jar.
 */
public final class SharedData {
    public static Path root() {
        Path p = Path.of(System.getProperty("a1.shared", "../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("models"))) throw new IllegalStateException("reference data not found at " + p);
        return p;
    }

    public static Path model(String file) {
        return existing(root().resolve("models").resolve(file));
    }

    public static Path golden(String file) {
        return existing(root().resolve("golden").resolve(file));
    }

    public static Path vocab(String file) {
        return existing(root().resolve("vocab").resolve(file));
    }

    /** Every GGUF under models/ and vocab/, sorted by name. */
    public static Stream<Path> allGgufs() {
        return Stream.concat(list("models"), list("vocab")).filter(p -> p.toString().endsWith(".gguf"));
    }

    /** Files of a folder under ../shared whose names end with {@code suffix}, sorted. */
    public static Stream<Path> list(String folder, String suffix) {
        return list(folder).filter(p -> p.getFileName().toString().endsWith(suffix));
    }

    private static Stream<Path> list(String folder) {
        try (Stream<Path> s = Files.list(root().resolve(folder))) {
            return s.sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path existing(Path p) {
        if (!Files.exists(p)) throw new IllegalStateException("reference file missing: " + p);
        return p;
    }

    private SharedData() {}
}
