package a1.cli.swarm;

import a1.cli.ExitCodes;
import a1.cli.options.StoreOption;
import a1.cli.progress.ProgressBar;
import a1.swarm.ModelDir;
import a1.swarm.Verifier;
import a1.swarm.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code a1 verify}: re-hashes a model folder. Exit 0 when every present shard matches (missing shards are normal
 * after a layer-range fetch and are listed), {@link ExitCodes#VERIFICATION} naming each bad shard otherwise.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Check a model folder's signature and every shard's SHA-256.")
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR|MODEL-ID", description = "A model folder, or the id of a model in the store.")
    String what;

    @Mixin
    StoreOption store;

    private Path dir;

    @Override
    public Integer call() throws Exception {
        dir = store.folder(what);
        VerifyReport r;
        try (ProgressBar bar = ProgressBar.onStderr("verifying", presentBytes(), ProgressBar.Unit.BYTES)) {
            r = Verifier.verify(dir, bar::add);
        }
        for (VerifyReport.Bad b : r.bad()) System.out.println("BAD " + b);
        r.torrentProblem().ifPresent(p -> System.out.println("BAD torrent: " + p));
        for (var s : r.missing()) System.out.println("missing " + s.file() + " (" + s.label() + ")");
        System.out.printf("%s: %d good, %d missing, %d bad%n", r.modelId(), r.good().size(), r.missing().size(), r.bad().size());
        if (!r.ok()) {
            System.err.println("a1 verify: " + dir + " has bad shards: " + String.join(", ", r.bad().stream().map(b -> b.shard().file()).toList())
                    + (r.torrentProblem().isPresent() ? " (torrent mismatch)" : ""));
            return ExitCodes.VERIFICATION;
        }
        return ExitCodes.OK;
    }

    /** Bytes of the shard files present, which is what verifying hashes. */
    private long presentBytes() throws IOException {
        ModelDir md = ModelDir.open(dir);
        long total = 0;
        for (var s : md.manifest().shards()) if (Files.isRegularFile(md.shardPath(s))) total += Files.size(md.shardPath(s));
        return total;
    }
}
