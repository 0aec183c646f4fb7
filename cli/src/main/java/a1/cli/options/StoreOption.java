package a1.cli.options;

import a1.cli.config.A1Config;
import a1.spec.manifest.ModelId;
import a1.swarm.ModelDir;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where model folders live by default: {@code <store>/<model id>}. */
public final class StoreOption {
    @Option(names = "--store", paramLabel = "DIR", defaultValue = A1Config.HOME + "/models",
            description = "Folder of model folders named by model id (default: ${DEFAULT-VALUE}).")
    Path store;

    public Path folderOf(ModelId id) {
        return ModelDir.inStore(store, id);
    }

    /** The folder a {@code DIR|MODEL-ID} argument names: an existing folder, else the store's folder of that id. */
    public Path folder(String dirOrId) {
        if (Files.isDirectory(Path.of(dirOrId))) return Path.of(dirOrId);
        if (dirOrId.matches("[0-9a-f]{64}")) return folderOf(ModelId.ofHex(dirOrId));
        throw new IllegalArgumentException(dirOrId + " is neither a model folder nor a model id (64 hex digits)");
    }

    public Path store() {
        return store;
    }
}
