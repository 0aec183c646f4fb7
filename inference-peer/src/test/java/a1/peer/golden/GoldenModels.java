package a1.peer.golden;

import a1.peer.LocalModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/** Opens each reference model once per test JVM (the golden tests visit each file many times). */
final class GoldenModels {
    private static final ConcurrentHashMap<Path, LocalModel> OPEN = new ConcurrentHashMap<>();

    static LocalModel get(Path model) {
        return OPEN.computeIfAbsent(model, p -> {
            try {
                return LocalModel.open(p, 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private GoldenModels() {}
}
