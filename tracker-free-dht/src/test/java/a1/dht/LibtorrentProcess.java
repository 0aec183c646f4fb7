package a1.dht;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: a python libtorrent DHT node (test resource libtorrent_dht.py) as a subprocess,
 * driven line by line. Fails loudly when python3-libtorrent is not installed.
 */
final class LibtorrentProcess implements AutoCloseable {

    private static final String INSTALL_HINT =
            "python3-libtorrent is required for the libtorrent interop IT: apt-get install -y python3-libtorrent";

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final int port;

    private LibtorrentProcess(Process process) throws IOException, InterruptedException {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                }
            } catch (IOException e) {
                lines.add("error " + e.getMessage());
            }
            lines.add("error libtorrent process exited");
        }, "libtorrent-stdout");
        reader.setDaemon(true);
        reader.start();
        String ready = next(30);
        if (!ready.startsWith("ready ")) {
            throw new IllegalStateException(ready.contains("missing") ? INSTALL_HINT : "libtorrent did not start: " + ready);
        }
        this.port = Integer.parseInt(ready.substring(6).trim());
    }

    /** The Debian python that python3-libtorrent installs into (overridable with -Da1.python=...). */
    static String python() {
        String configured = System.getProperty("a1.python");
        if (configured != null) {
            return configured;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    static LibtorrentProcess start(String bootstrap, Path workDir) throws IOException, InterruptedException {
        Process probe = new ProcessBuilder(python(), "-c", "import libtorrent").redirectErrorStream(true).start();
        if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            throw new IllegalStateException(INSTALL_HINT + " (" + python() + " could not import libtorrent)");
        }
        Path script;
        try {
            script = Path.of(LibtorrentProcess.class.getResource("libtorrent_dht.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Process p = new ProcessBuilder(List.of(python(), script.toString(), bootstrap, workDir.toString()))
                .redirectError(workDir.resolve("libtorrent.stderr").toFile())
                .start();
        return new LibtorrentProcess(p);
    }

    int port() {
        return port;
    }

    /** Sends one command and returns its result line. */
    String command(String line, int timeoutSeconds) throws IOException, InterruptedException {
        stdin.write(line + "\n");
        stdin.flush();
        return next(timeoutSeconds);
    }

    private String next(int timeoutSeconds) throws InterruptedException {
        String l = lines.poll(timeoutSeconds, TimeUnit.SECONDS);
        if (l == null) {
            throw new IllegalStateException("libtorrent gave no answer within " + timeoutSeconds + " s");
        }
        return l;
    }

    @Override
    public void close() {
        try {
            stdin.write("quit\n");
            stdin.flush();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
