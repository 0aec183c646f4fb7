package a1.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir DIR}: where weights, keys and caches live. Default: config.toml's data_dir, else $A1_HOME/data. */
public final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where weights, keys and caches live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    public Path get() {
        return dataDir;
    }
}
