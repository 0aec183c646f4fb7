package a1.peer.routing;

import a1.peer.node.PeerMain;
import a1.spec.model.LayerRange;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A serving peer ({@link PeerMain}) in its own JVM on loopback, started with this test's class path. */
final class PeerProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final PeerInfo info;

    PeerProcess(Path model, LayerRange layers, String... bootstrapPorts) throws IOException, InterruptedException {
        this(model, layers.toString(), bootstrapPorts);
    }

    /** {@code layers} is "A-B", or "auto:N" to let the peer choose N layers from the gossip; then bootstrap ports (or flags). */
    PeerProcess(Path model, String layers, String... bootstrapPorts) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                PeerMain.class.getName(), model.toString(), layers));
        cmd.addAll(List.of(bootstrapPorts));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    System.out.println("[peer " + layers + "] " + line);
                }
            } catch (IOException e) {
                // the process went away; awaitListening reports it
            }
        }, "peer-output");
        reader.setDaemon(true);
        reader.start();
        String[] listening;
        LayerRange serving;
        try {
            listening = awaitLine("LISTENING", 60).split(" ");
            serving = LayerRange.parse(awaitLine("SERVING", 30).substring(8));
        } catch (AssertionError | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        info = new PeerInfo(listening[2], new InetSocketAddress("127.0.0.1", Integer.parseInt(listening[1])), serving, 0, 0);
    }

    /** A peer behind a {@link a1.peer.relay.LyingRelay} (fault injection): its results are corrupted by {@code lie}. */
    static PeerProcess lying(Path model, String layers, a1.peer.relay.LyingRelay.Lie lie) throws IOException, InterruptedException {
        return new PeerProcess(model, layers, "--fault-lie=" + lie.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The range of the next SERVING line: the peer moved. */
    LayerRange awaitMove(long seconds) throws InterruptedException {
        return LayerRange.parse(awaitLine("SERVING", seconds).substring(8));
    }

    int port() {
        return info.address().getPort();
    }

    private String awaitLine(String prefix, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> seen = new ArrayList<>();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) throw new AssertionError("peer did not print " + prefix + " within " + seconds + " s; output: " + seen);
            seen.add(line);
            if (line.startsWith(prefix)) return line;
            if (line.startsWith("ERROR")) throw new AssertionError("peer failed: " + line);
        }
    }

    /** SIGKILL: the peer vanishes without closing anything. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill9();
    }
}
