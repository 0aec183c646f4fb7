package a1.cli.options;

import a1.cli.config.A1Config;
import a1.spec.manifest.ModelId;
import a1.swarm.ModelDir;
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

    public Path store() {
        return store;
    }
}
