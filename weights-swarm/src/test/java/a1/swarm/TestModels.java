package a1.swarm;

import a1.spec.sign.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Reference models from ../shared and a fresh publisher key for swarm tests. */
public final class TestModels {
    public static Path shared(String name) {
        Path p = Path.of(System.getProperty("a1.shared", "../shared")).toAbsolutePath().normalize().resolve("models").resolve(name);
        if (!Files.isRegularFile(p)) throw new IllegalStateException("reference model not found: " + p);
        return p;
    }

    public static Path newKey(Path dir) throws IOException {
        Path key = dir.resolve("publisher.key");
        SigningKey.generate(new SecureRandom()).save(key);
        return key;
    }

    private TestModels() {}
}
