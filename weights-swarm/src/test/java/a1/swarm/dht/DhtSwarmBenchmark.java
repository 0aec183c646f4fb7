package a1.swarm.dht;

import a1.dht.DhtConfig;
import a1.dht.DhtNode;
import a1.spec.manifest.ShardEntry;
import a1.swarm.FetchProgress;
import a1.swarm.Fetcher;
import a1.swarm.ModelDir;
import a1.swarm.ProgressListener;
import a1.swarm.PublishedModel;
import a1.swarm.Publisher;
import a1.swarm.Seeder;
import a1.swarm.ShardSelection;
import a1.swarm.SwarmOptions;
import a1.swarm.TestModels;
import a1.swarm.bt.BtBackend;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: loopback download of one model torrent (>= 500 MB) from two A1 seeders found through a local DHT, by
 * an A1 fetcher and then by aria2c, in the same run. Make a model with {@code a1 synth} and run with the test class
 * path: {@code java -cp ... a1.swarm.dht.DhtSwarmBenchmark WORK_DIR MODEL.gguf}.
 */
public final class DhtSwarmBenchmark {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        Path gguf = Path.of(args[1]);
        if (Files.size(gguf) < 500_000_000L) throw new IllegalArgumentException(gguf + " is under 500 MB");
        PublishedModel pub = Publisher.publish(gguf, TestModels.newKey(Files.createTempDirectory(work, "key")), Files.createTempDirectory(work, "pub").resolve("m"));
        long bytes = pub.manifest().manifest().shardBytes();
        Path second = linkedCopy(pub.dir(), Files.createTempDirectory(work, "seed2").resolve("m"));
        List<AutoCloseable> open = new ArrayList<>();
        try {
            DhtNode entry = track(open, DhtNode.start(LOOPBACK, 0, List.of(), DhtConfig.localSwarm()));
            for (Path dir : List.of(pub.dir(), second)) {
                DhtNode node = track(open, DhtNode.start(LOOPBACK, 0, List.of(entry.localAddress()), DhtConfig.localSwarm()));
                node.bootstrapped().join();
                Seeder seeder = track(open, new Seeder(new BtBackend(), track(open, new DhtDiscovery(node)), SwarmOptions.loopback()));
                System.out.println("seeder on port " + seeder.seed(dir).port());
            }
            a1Fetch(pub, bytes, entry.localAddress(), work);
            aria2Fetch(pub, bytes, entry.localAddress(), work);
        } finally {
            for (AutoCloseable c : open.reversed()) c.close();
        }
        System.exit(0);
    }

    private static void a1Fetch(PublishedModel pub, long bytes, InetSocketAddress entry, Path work) throws Exception {
        try (DhtNode node = DhtNode.start(LOOPBACK, 0, List.of(entry), DhtConfig.localSwarm()); DhtDiscovery d = new DhtDiscovery(node)) {
            node.bootstrapped().join();
            long start = System.nanoTime();
            long[] first = {0}, last = {0};
            int[] peers = {0};
            new Fetcher(new BtBackend(), d, SwarmOptions.loopback()).fetch(pub.modelId(), ShardSelection.all(), Files.createTempDirectory(work, "a1").resolve("m"),
                    new ProgressListener() {
                        @Override
                        public void progress(FetchProgress p) {
                            if (p.receivedBytes() > 0 && first[0] == 0) first[0] = System.nanoTime();
                            if (p.receivedBytes() >= bytes && last[0] == 0) last[0] = System.nanoTime();
                            peers[0] = Math.max(peers[0], p.peers());
                        }
                    });
            long end = System.nanoTime();
            report("A1 fetcher: DHT resolve + download + SHA-256 of shards", bytes, end - start);
            report("A1 fetcher: first to last byte (200 ms resolution), peers " + peers[0], bytes, last[0] - first[0]);
        }
    }

    private static void aria2Fetch(PublishedModel pub, long bytes, InetSocketAddress entry, Path work) throws Exception {
        Path out = Files.createTempDirectory(work, "aria2");
        long start = System.nanoTime();
        Process p = new ProcessBuilder("/usr/bin/aria2c", "--no-conf=true", "--dir=" + out, "--interface=127.0.0.1", "--disable-ipv6=true",
                "--enable-dht=true", "--dht-entry-point=" + entry.getAddress().getHostAddress() + ":" + entry.getPort(),
                "--dht-listen-port=" + (20000 + (int) (ProcessHandle.current().pid() % 20000)), "--dht-file-path=" + out.resolve("dht.dat"),
                "--bt-enable-lpd=false", "--enable-peer-exchange=false", "--bt-require-crypto=false", "--seed-time=0",
                "--file-allocation=none", "--summary-interval=0", "--console-log-level=warn", pub.dir().resolve(ModelDir.TORRENT).toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("aria2.log").toFile()).start();
        long first = 0, last = 0;
        Path data = out.resolve(pub.manifest().manifest().torrentName());
        while (p.isAlive()) {
            long have = diskBytes(data);
            long now = System.nanoTime();
            if (have > 0 && first == 0) first = now;
            if (have >= bytes && last == 0) last = now;
            p.waitFor(100, TimeUnit.MILLISECONDS);
        }
        long end = System.nanoTime();
        if (p.exitValue() != 0) throw new IOException("aria2c failed, see " + work.resolve("aria2.log"));
        for (ShardEntry s : pub.manifest().manifest().shards()) {
            if (Files.mismatch(pub.dir().resolve(s.file()), data.resolve(s.file())) != -1) throw new IOException("aria2c got a different " + s.file());
        }
        report("aria2c: DHT bootstrap + lookup + download (bytes checked)", bytes, end - start);
        if (last == 0) last = end;
        report("aria2c: first to last byte on disk (100 ms resolution)", bytes, last - first);
    }

    /** Bytes allocated on disk under {@code dir} (du), which grows with what was written even in sparse files. */
    private static long diskBytes(Path dir) throws Exception {
        if (!Files.exists(dir)) return 0;
        Process du = new ProcessBuilder("du", "-s", "--block-size=1", dir.toString()).start();
        String line = new String(du.getInputStream().readAllBytes()).trim();
        du.waitFor();
        return line.isEmpty() ? 0 : Long.parseLong(line.split("\\s+")[0]);
    }

    private static Path linkedCopy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.createLink(to.resolve(f.getFileName()), f);
        }
        return to;
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> open, T c) {
        open.add(c);
        return c;
    }

    private static void report(String what, long bytes, long nanos) {
        System.out.printf("%-70s %,d bytes in %.2f s = %.1f MB/s%n", what, bytes, nanos / 1e9, bytes / (nanos / 1e9) / 1e6);
    }

    private DhtSwarmBenchmark() {}
}
