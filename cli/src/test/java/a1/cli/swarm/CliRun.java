package a1.cli.swarm;

import a1.cli.A1;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs {@code a1} in this JVM with captured stdout and stderr (the swarm commands print to System.out/err). */
record CliRun(int exitCode, String out, String err) {
    static synchronized CliRun of(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            var cmd = A1.commandLine();
            cmd.setOut(new PrintWriter(o, true));
            cmd.setErr(new PrintWriter(e, true));
            int code = cmd.execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    String lastLine() {
        return outLines().getLast();
    }
}
