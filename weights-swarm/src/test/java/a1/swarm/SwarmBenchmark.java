package a1.swarm;

import a1.spec.Digests;
import a1.spec.gguf.GgmlType;
import a1.spec.gguf.GgufValue;
import a1.spec.gguf.GgufValueType;
import a1.spec.gguf.GgufWriter;
import a1.spec.manifest.ShardEntry;
import a1.swarm.bt.BtBackend;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;

/**
 * Not a test: loopback throughput of a >= 500 MB model, A1 to A1 and libtorrent to libtorrent in the same run, and
 * SHA-256 speed on one core. Run with the test class path:
 * {@code java -cp ... a1.swarm.SwarmBenchmark WORK_DIR [MB] [PATH_TO_lt_peer.py]}.
 */
public final class SwarmBenchmark {
    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        int mb = args.length > 1 ? Integer.parseInt(args[1]) : 544;
        Path gguf = work.resolve("bench.gguf");
        if (!Files.exists(gguf)) writeModel(gguf, mb);
        sha256PerCore();

        long t = System.nanoTime();
        PublishedModel pub = Publisher.publish(gguf, TestModels.newKey(Files.createTempDirectory(work, "key")), Files.createTempDirectory(work, "pub").resolve("m"));
        report("publish (shard + SHA-256 + SHA-1 + sign)", Files.size(gguf), System.nanoTime() - t);
        long bytes = pub.manifest().manifest().shardBytes();

        FileDiscovery discovery = new FileDiscovery(Files.createTempDirectory(work, "disc"));
        try (Seeder seeder = new Seeder(new BtBackend(), discovery, SwarmOptions.loopback())) {
            int port = seeder.seed(pub.dir()).port();
            long start = System.nanoTime();
            long[] firstByte = {0}, lastByte = {0};
            new Fetcher(new BtBackend(), discovery, SwarmOptions.loopback()).fetch(pub.modelId(), ShardSelection.all(),
                    Files.createTempDirectory(work, "out").resolve("m"), new ProgressListener() {
                        @Override
                        public void progress(FetchProgress p) {
                            if (p.receivedBytes() > 0 && firstByte[0] == 0) firstByte[0] = System.nanoTime();
                            if (p.receivedBytes() >= bytes && lastByte[0] == 0) lastByte[0] = System.nanoTime();
                        }
                    });
            long end = System.nanoTime();
            report("A1 -> A1 fetch, all included (engine start, BEP 9, SHA-256 + fsync of shards)", bytes, end - start);
            report("A1 -> A1 transfer only (first to last byte, 200 ms resolution)", bytes, lastByte[0] - firstByte[0]);
            System.out.printf("  start to first byte %.2f s, last byte to done %.2f s%n", (firstByte[0] - start) / 1e9, (end - lastByte[0]) / 1e9);
            if (args.length > 2) {
                Path save = Files.createTempDirectory(work, "lt");
                System.out.println("libtorrent <- A1   " + python(args[2], "fetch", pub.dir().resolve(ModelDir.TORRENT).toString(), save.toString(), Integer.toString(port)));
            }
        }
        if (args.length > 2) {
            Path seedSave = Files.createTempDirectory(work, "ltseed");
            Path files = Files.createDirectories(seedSave.resolve(pub.manifest().manifest().torrentName()));
            for (ShardEntry s : pub.manifest().manifest().shards()) Files.createLink(files.resolve(s.file()), pub.dir().resolve(s.file()));
            Process seeder = new ProcessBuilder("/usr/bin/python3", args[2], "seed", pub.dir().resolve(ModelDir.TORRENT).toString(), seedSave.toString()).start();
            try {
                String line = new BufferedReader(new InputStreamReader(seeder.getInputStream())).readLine();
                String port = line.split(" ")[1];
                Path save = Files.createTempDirectory(work, "lt2");
                System.out.println("libtorrent <- libtorrent   " + python(args[2], "fetch", pub.dir().resolve(ModelDir.TORRENT).toString(), save.toString(), port));
                FileDiscovery d2 = new FileDiscovery(Files.createTempDirectory(work, "disc2"));
                d2.publishManifest(pub.manifest().encode());
                d2.announce(pub.manifest().manifest().infoHash(), Integer.parseInt(port));
                t = System.nanoTime();
                new Fetcher(new BtBackend(), d2, SwarmOptions.loopback()).fetch(pub.modelId(), ShardSelection.all(),
                        Files.createTempDirectory(work, "out2").resolve("m"), ProgressListener.NONE);
                report("A1 <- libtorrent fetch", bytes, System.nanoTime() - t);
            } finally {
                seeder.destroyForcibly().waitFor();
            }
        }
        System.exit(0);
    }

    private static String python(String script, String... args) throws Exception {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "/usr/bin/python3";
        cmd[1] = script;
        System.arraycopy(args, 0, cmd, 2, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
        p.waitFor();
        String[] f = line.split(" "); // DONE <bytes> <seconds>
        double s = Double.parseDouble(f[2]);
        return String.format("%s bytes in %.2f s = %.1f MB/s (transfer only, libtorrent's clock)", f[1], s, Long.parseLong(f[1]) / s / 1e6);
    }

    private static void sha256PerCore() {
        byte[] data = new byte[256 << 20];
        new Random(1).nextBytes(data);
        MessageDigest md = Digests.newSha256();
        md.update(data); // warm-up
        long t = System.nanoTime();
        for (int i = 0; i < 4; i++) md.update(data);
        md.digest();
        report("SHA-256, one thread, in memory", 4L * data.length, System.nanoTime() - t);
    }

    /** A llama-shaped F32 GGUF of about {@code mb} MiB with random weights: 16 layers, embedding and head. */
    private static void writeModel(Path path, int mb) throws Exception {
        int layers = 16;
        long perTensor = (long) mb * (1 << 20) / (layers + 2) / 4 / 1024 * 1024; // floats, a multiple of 1024
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(perTensor * 4);
            Random r = new Random(7);
            for (long i = 0; i < perTensor; i++) data.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) r.nextGaussian());
            GgufWriter w = new GgufWriter()
                    .metadata("general.architecture", new GgufValue(GgufValueType.STRING, "llama"))
                    .metadata("general.name", new GgufValue(GgufValueType.STRING, "bench"))
                    .metadata("llama.block_count", new GgufValue(GgufValueType.UINT32, (long) layers))
                    .metadata("llama.embedding_length", new GgufValue(GgufValueType.UINT32, 1024L));
            long[] dims = {1024, perTensor / 1024};
            w.tensor("token_embd.weight", GgmlType.F32, dims, data);
            for (int l = 0; l < layers; l++) w.tensor("blk." + l + ".ffn_up.weight", GgmlType.F32, dims, data);
            w.tensor("output.weight", GgmlType.F32, dims, data);
            w.write(path);
        }
    }

    private static void report(String what, long bytes, long nanos) {
        System.out.printf("%-70s %,d bytes in %.2f s = %.1f MB/s%n", what, bytes, nanos / 1e9, bytes / (nanos / 1e9) / 1e6);
    }

    private SwarmBenchmark() {}
}
