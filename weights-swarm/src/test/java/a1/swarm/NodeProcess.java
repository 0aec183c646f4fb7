package a1.swarm;

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

/** A {@link SwarmNode} in its own JVM, started with this test's class path; its output lines are queued. */
final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Thread reader;

    NodeProcess(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-Da1.shared=" + System.getProperty("a1.shared", "../shared"), SwarmNode.class.getName()));
        cmd.addAll(List.of(args));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(line);
            } catch (IOException e) {
                // the process went away; await() reports the missing line
            }
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The first new line matching {@code p}; fails on timeout or when the node reports an error. */
    synchronized String await(Predicate<String> p, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) throw new AssertionError("node did not print the expected line within " + seconds + " s; output so far: " + seen);
            seen.add(line);
            if (p.test(line)) return line;
            if (line.startsWith("ERROR")) throw new AssertionError("node failed: " + line);
        }
    }

    /** The next line, or null if none comes within {@code millis}. */
    synchronized String next(long millis) throws InterruptedException {
        String line = lines.poll(millis, TimeUnit.MILLISECONDS);
        if (line != null) seen.add(line);
        return line;
    }

    synchronized List<String> seen() {
        return List.copyOf(seen);
    }

    /** Every line the process printed; only once it has ended (after {@link #kill9}). */
    synchronized List<String> output() throws InterruptedException {
        reader.join(5000);
        lines.drainTo(seen);
        return List.copyOf(seen);
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill9();
    }
}
