package a1.peer.tokenizer;

import a1.spec.gguf.GgufFile;
import a1.spec.gguf.GgufMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The reference files in ../shared (a missing folder fails the tests, it never skips them), with loaded tokenizers cached. */
final class SharedData {
    private static final Map<Path, Tokenizer> TOKENIZERS = new ConcurrentHashMap<>();

    static Path shared() {
        Path p = Path.of(System.getProperty("a1.shared", "../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("vocab"))) throw new IllegalStateException("reference data not found at " + p);
        return p;
    }

    static GgufMetadata metadata(Path gguf) {
        try (GgufFile f = GgufFile.open(gguf)) {
            return f.metadata();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tokenizer tokenizer(Path gguf) {
        return TOKENIZERS.computeIfAbsent(gguf, p -> Tokenizer.fromGguf(metadata(p)));
    }

    static Tokenizer vocab(String name) {
        return tokenizer(shared().resolve("vocab/ggml-vocab-" + name + ".gguf"));
    }

    static Tokenizer stories() {
        return tokenizer(shared().resolve("models/stories260K-f32.gguf"));
    }

    static Tokenizer llamaSpm() {
        return tokenizer(shared().resolve("models/tokenizers/ggml-vocab-llama-spm.gguf"));
    }

    private SharedData() {}
}
