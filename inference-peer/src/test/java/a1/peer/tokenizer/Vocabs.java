package a1.peer.tokenizer;

import a1.spec.gguf.GgufFile;
import a1.spec.testdata.SharedData;
import a1.spec.gguf.GgufMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tokenizers of the reference vocabularies in ../shared, each loaded once per test JVM. */
final class Vocabs {
    private static final Map<Path, Tokenizer> TOKENIZERS = new ConcurrentHashMap<>();

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
        return tokenizer(SharedData.vocab("ggml-vocab-" + name + ".gguf"));
    }

    static Tokenizer stories() {
        return tokenizer(SharedData.model("stories260K-f32.gguf"));
    }

    static Tokenizer llamaSpm() {
        return tokenizer(SharedData.model("tokenizers/ggml-vocab-llama-spm.gguf"));
    }

    private Vocabs() {}
}
