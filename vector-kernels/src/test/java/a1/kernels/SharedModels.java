package a1.kernels;

import java.nio.file.Files;
import java.nio.file.Path;

/** The reference data in ../shared (a missing folder is a failure, not a skip). */
public final class SharedModels {
    public static Path shared() {
        Path p = Path.of(System.getProperty("a1.shared", "../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("models"))) throw new IllegalStateException("reference data not found at " + p);
        return p;
    }

    public static Path model(String file) {
        return shared().resolve("models").resolve(file);
    }

    private SharedModels() {}
}
