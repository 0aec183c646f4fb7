package a1.cli.swarm;

import a1.cli.A1;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The real {@code a1} command in its own JVM (this test's class path); its merged output lines are queued. */
final class CliProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Thread reader;

    CliProcess(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-Xss4m", "-XX:TieredStopAtLevel=1",
                "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", A1.class.getName()));
        cmd.addAll(List.of(args));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(line);
            } catch (IOException e) {
                // the process went away; await() reports the missing line
            }
        }, "a1-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs a command to its end and returns its exit code and output lines. */
    static Finished run(long seconds, String... args) throws Exception {
        try (CliProcess p = new CliProcess(args)) {
            if (!p.process.waitFor(seconds, TimeUnit.SECONDS)) throw new AssertionError("a1 " + String.join(" ", args) + " did not finish in " + seconds + " s");
            p.reader.join(5000);
            List<String> out = new ArrayList<>();
            p.lines.drainTo(out);
            return new Finished(p.process.exitValue(), out);
        }
    }

    record Finished(int exitCode, List<String> lines) {
        String last() {
            return lines.getLast();
        }
    }

    /** The first new line matching {@code p}; fails on timeout or when the process ends first. */
    String await(Predicate<String> p, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) throw new AssertionError("a1 did not print the expected line within " + seconds + " s; output so far: " + seen);
            seen.add(line);
            if (p.test(line)) return line;
        }
    }

    /** Every line {@link #await} has taken so far, in order. */
    List<String> seen() {
        return List.copyOf(seen);
    }

    /**
     * Sends SIGTERM (as {@code kill} or a service manager does) and waits for the exit; returns the exit code. Through
     * the process handle: {@link Process#destroy} also closes our end of the pipe, losing what the process says last.
     */
    int terminate(long seconds) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) throw new AssertionError("a1 did not exit within " + seconds + " s of SIGTERM");
        reader.join(5000);
        lines.drainTo(seen);
        return process.exitValue();
    }

    /** Runs a command to its end with stdout and stderr apart, as a user's shell sees them. */
    static Output runApart(long seconds, java.nio.file.Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-Xss4m", "-XX:TieredStopAtLevel=1",
                "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", A1.class.getName()));
        cmd.addAll(List.of(args));
        java.nio.file.Path out = dir.resolve("stdout"), err = dir.resolve("stderr");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) throw new AssertionError("a1 " + String.join(" ", args) + " did not finish in " + seconds + " s; stderr: " + java.nio.file.Files.readString(err));
        } finally {
            p.destroyForcibly().waitFor();
        }
        return new Output(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8), java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
    }

    record Output(int exitCode, String out, String err) {}

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
