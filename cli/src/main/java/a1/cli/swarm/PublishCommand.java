package a1.cli.swarm;

import a1.cli.config.A1Config;
import a1.cli.ExitCodes;
import a1.cli.options.StoreOption;
import a1.cli.progress.ProgressBar;
import a1.spec.manifest.ModelManifest;
import a1.swarm.PublishedModel;
import a1.swarm.Publisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a1 publish}: shards a GGUF, writes its torrent and signed manifest into a model folder, and prints the
 * model id as the last line of stdout (scripts take it with {@code tail -1}). Offline; {@code a1 seed} shares it.
 */
@Command(name = "publish", mixinStandardHelpOptions = true, description = "Shard and sign a GGUF model into a model folder; prints its model id last.")
public final class PublishCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL.gguf", description = "The model file.")
    Path gguf;

    @Option(names = "--key", paramLabel = "FILE", defaultValue = A1Config.HOME + "/publisher.key", description = "Publisher key from a1 keygen (default: ${DEFAULT-VALUE}).")
    Path key;

    @Option(names = "--out", paramLabel = "DIR", description = "Model folder to create (must not exist or be empty; default: <store>/<model id>).")
    Path out;

    @Mixin
    StoreOption store;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(gguf)) throw new IllegalArgumentException(gguf + " is not a file");
        Path dir = out;
        if (dir == null) { // the id is known only once published: publish beside the store, then move into place
            Files.createDirectories(store.store());
            dir = Files.createTempDirectory(store.store(), ".publishing-");
        }
        PublishedModel pub;
        try {
            try (ProgressBar bar = ProgressBar.onStderr("publishing", Publisher.work(gguf), ProgressBar.Unit.BYTES)) {
                pub = Publisher.publish(gguf, key, dir, bar::add);
            }
        } catch (Exception e) {
            if (out == null) deleteTree(dir);
            throw e;
        }
        if (out == null) {
            Path target = store.folderOf(pub.modelId());
            if (Files.exists(target)) {
                deleteTree(dir);
                dir = target;
                System.out.println("already in the store: " + target);
            } else {
                dir = Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        ModelManifest m = pub.manifest().manifest();
        System.out.printf("%s: %d shards, %d layers, %.1f MB, info-hash %s%n", m.info().name(), m.shards().size(), m.info().layerCount(),
                m.fileSize() / 1e6, m.infoHash().hex());
        System.out.println("folder " + dir);
        System.out.println(pub.modelId().hex());
        return ExitCodes.OK;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
