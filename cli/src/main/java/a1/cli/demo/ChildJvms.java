package a1.cli.demo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code a1} commands a demo runs as separate JVMs: same java, class path and JVM flags as this process, output
 * to one log file each. Every child carries {@code -Da1.demo.parent=<this pid>} so leftovers can be found;
 * {@link #close} (or a shutdown hook, on Ctrl-C) stops them all and waits for them to exit.
 */
public final class ChildJvms implements AutoCloseable {
    /** The system property that marks a demo's children with the demo's process id. */
    public static final String MARKER = "a1.demo.parent";

    private final Path logs;
    private final List<Child> children = new ArrayList<>();
    private final Thread hook;
    private boolean stopped;

    /** @param afterSignal run when the JVM is stopped by a signal, once every child has exited (to remove files, say) */
    public ChildJvms(Path logs, Runnable afterSignal) throws IOException {
        this.logs = Files.createDirectories(logs);
        this.hook = new Thread(() -> {
            stopAll();
            afterSignal.run();
        }, "a1-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** One running {@code a1} command and its log. */
    public record Child(String name, Process process, Path log) {
        /**
         * Waits until the log has a line matching {@code line} and returns the match; fails with the log's path when
         * the process exits first or the time runs out.
         */
        public Matcher await(Pattern line, long seconds) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (true) {
                for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    Matcher m = line.matcher(l);
                    if (m.find()) return m;
                }
                if (!process.isAlive()) throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see its log " + log);
                if (System.nanoTime() > deadline) throw new IllegalStateException(name + " did not get ready within " + seconds + " s; see its log " + log);
                Thread.sleep(100);
            }
        }
    }

    /** Starts {@code a1 args...} as a child named {@code name} (its log is {@code <name>.log}). */
    public synchronized Child start(String name, List<String> args) throws IOException {
        if (stopped) throw new IllegalStateException("the demo is stopping; not starting " + name); // no orphan after the hook ran
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmFlags());
        cmd.add("-D" + MARKER + "=" + ProcessHandle.current().pid());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), a1.cli.A1.class.getName()));
        cmd.addAll(args);
        Path log = logs.resolve(name.replace(' ', '-') + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Child c = new Child(name, p, log);
        children.add(c);
        return c;
    }

    public synchronized List<Child> children() {
        return List.copyOf(children);
    }

    /** This JVM's flags minus debugger and agent attachments (a second JVM on the same debug port would fail). */
    private static List<String> jvmFlags() {
        List<String> flags = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib:") && !a.startsWith("-javaagent:") && !a.startsWith("-Xrunjdwp") && !a.startsWith("-D" + MARKER + "="))
                .toList());
        for (String needed : List.of("--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED")) {
            if (!flags.contains(needed)) flags.add(needed);
        }
        return flags;
    }

    /** Stops every child (politely, then forcibly after 5 s) and waits until each has exited. */
    private synchronized void stopAll() {
        stopped = true;
        for (Child c : children) c.process().destroy();
        for (Child c : children) {
            try {
                if (!c.process().waitFor(5, TimeUnit.SECONDS)) {
                    c.process().destroyForcibly();
                    c.process().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                c.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
    }
}
