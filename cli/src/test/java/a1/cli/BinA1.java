package a1.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code bin/a1} launcher of this checkout, for tests that run the command as a user does (after {@code package}). */
public final class BinA1 {
    private BinA1() {}

    public static Path root() {
        return Path.of("").toAbsolutePath().getParent();
    }

    public static Path launcher() {
        Path p = root().resolve("bin/a1");
        if (!Files.isExecutable(p)) throw new IllegalStateException("bin/a1 not found at " + p);
        if (!Files.exists(root().resolve("cli/target/a1.jar"))) throw new IllegalStateException("cli/target/a1.jar is missing: run this as an IT (mvn verify)");
        return p;
    }

    /** Runs a program to completion and returns its exit code; fails clearly when it is not installed. */
    public static int exec(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("'" + command[0] + "' is needed for this test: " + e.getMessage(), e);
        }
        return p.waitFor();
    }
}
