package a1.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.manifest.ModelManifest;
import a1.spec.manifest.ShardEntry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three seeders and a fetcher, each its own JVM, finding each other through a loopback file registry (the DHT's
 * stand-in). Seeders are paced to 1 MB/s each so a fetch lasts long enough to be killed mid-way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwarmIT {
    private static final String MODEL = "synth-k.F32.gguf";
    private static final long SEEDER_LIMIT = 1 << 20;

    @TempDir
    static Path tmp;
    private Path gguf;
    private PublishedModel pub;
    private Path discovery;
    private final List<NodeProcess> seeders = new ArrayList<>();
    private final List<Integer> seederPorts = new ArrayList<>();

    @BeforeAll
    void startSwarm() throws Exception {
        gguf = TestModels.shared(MODEL);
        pub = Publisher.publish(gguf, TestModels.newKey(tmp), tmp.resolve("pub"));
        discovery = tmp.resolve("discovery");
        for (int i = 0; i < 3; i++) {
            Path dir = copyTree(pub.dir(), tmp.resolve("seeder" + i));
            NodeProcess p = new NodeProcess("seed", discovery.toString(), dir.toString(), Long.toString(SEEDER_LIMIT));
            seeders.add(p);
        }
        for (NodeProcess p : seeders) seederPorts.add(Integer.parseInt(p.await(l -> l.startsWith("SEEDING"), 60).split(" ")[1]));
    }

    @AfterAll
    void stopSwarm() throws Exception {
        for (NodeProcess p : seeders) p.close();
    }

    @Test
    void fetcherGetsALayerRangeThenTheWholeModelByteForByte() throws Exception {
        Path out = tmp.resolve("out-range");
        try (NodeProcess f = fetch(out, "1-2")) {
            f.await(l -> l.startsWith("DONE"), 90);
            assertEquals(Set.of("metadata.bin", "layer-001.bin", "layer-002.bin"), verifiedIn(f));
        }
        assertTrue(Files.notExists(out.resolve("embedding.bin")) && Files.notExists(out.resolve("head.bin")), "only the range was fetched");
        try (NodeProcess f = fetch(out, null)) {
            f.await(l -> l.startsWith("DONE"), 90);
            assertEquals(Set.of("embedding.bin", "layer-000.bin", "layer-003.bin", "head.bin"), verifiedIn(f), "the second fetch takes only the rest");
        }
        assertTrue(Verifier.verify(out).complete());
        assertArrayEquals(Files.readAllBytes(pub.dir().resolve(ModelDir.TORRENT)), Files.readAllBytes(out.resolve(ModelDir.TORRENT)),
                "the info dictionary fetched from peers (BEP 9) is kept for seeding");
        assertArrayEquals(Files.readAllBytes(gguf), Files.readAllBytes(Assembler.assemble(out, tmp.resolve("assembled.gguf"))));
    }

    @Test
    void killedFetchResumesDownloadingOnlyTheRest() throws Exception {
        Path out = tmp.resolve("out-resume");
        ModelManifest m = pub.manifest().manifest();
        long total = m.shardBytes();
        long receivedBeforeKill;
        try (NodeProcess f = fetch(out, null)) {
            f.await(l -> l.startsWith("VERIFIED "), 90);
            String progress = f.await(l -> l.startsWith("PROGRESS ") && Long.parseLong(l.substring(9)) >= total / 2, 90);
            f.kill9();
            receivedBeforeKill = Long.parseLong(progress.substring(9));
        }
        Set<String> before = VerifiedShards.load(out.resolve(".a1/verified"), pub.modelId()).asMap().keySet();
        assertTrue(!before.isEmpty() && before.size() < m.shards().size(), "verified before the kill: " + before);
        try (NodeProcess f = fetch(out, null)) {
            String done = f.await(l -> l.startsWith("DONE"), 90);
            long received = Long.parseLong(done.split(" ")[1].substring("received=".length()));
            Set<String> again = verifiedIn(f);
            assertTrue(again.stream().noneMatch(before::contains), "re-verified after restart: " + again);
            // Verified shards and verified pieces on disk are kept; at most the pieces in flight at the kill
            // (16 per seeder) come again.
            long inFlight = 3L * 16 * m.pieceLength();
            assertTrue(receivedBeforeKill + received <= total + inFlight,
                    "received " + receivedBeforeKill + " before the kill and " + received + " after, for " + total + " bytes");
        }
        assertTrue(Verifier.verify(out).complete());
        assertArrayEquals(Files.readAllBytes(gguf), Files.readAllBytes(Assembler.assemble(out, tmp.resolve("assembled.gguf"))));
    }

    @Test
    void corruptedSeederIsBannedAndTheFetchCompletesFromTheOthers() throws Exception {
        Path badDiscovery = copyTree(discovery, tmp.resolve("discovery-with-liar"));
        Path badDir = copyTree(pub.dir(), tmp.resolve("liar"));
        for (ShardEntry s : pub.manifest().manifest().shards()) corruptEveryBlock(badDir.resolve(s.file()));
        try (NodeProcess liar = new NodeProcess("seed", badDiscovery.toString(), badDir.toString(), "0")) {
            int liarPort = Integer.parseInt(liar.await(l -> l.startsWith("SEEDING"), 60).split(" ")[1]);
            Path out = tmp.resolve("out-liar");
            try (NodeProcess f = new NodeProcess("fetch", badDiscovery.toString(), pub.modelId().hex(), out.toString())) {
                String done = f.await(l -> l.startsWith("DONE"), 120);
                // The fetcher only dials the listening ports discovery gives it, so address:port names each seeder.
                assertEquals(List.of("127.0.0.1:" + liarPort), List.of(done.substring(done.indexOf("banned=") + 7).split(",")),
                        "the liar (port " + liarPort + ") is banned once, no honest seeder (ports " + seederPorts + ") is: "
                                + f.seen().stream().filter(l -> l.startsWith("BANNED") || l.startsWith("DONE")).toList());
            }
            VerifyReport report = Verifier.verify(out);
            assertTrue(report.complete(), report.toString());
            assertArrayEquals(Files.readAllBytes(gguf), Files.readAllBytes(Assembler.assemble(out, tmp.resolve("assembled.gguf"))));
        }
    }

    private NodeProcess fetch(Path out, String layers) throws IOException {
        List<String> args = new ArrayList<>(List.of("fetch", discovery.toString(), pub.modelId().hex(), out.toString()));
        if (layers != null) args.add(layers);
        return new NodeProcess(args.toArray(String[]::new));
    }

    private static Set<String> verifiedIn(NodeProcess p) {
        return p.seen().stream().filter(l -> l.startsWith("VERIFIED ")).map(l -> l.substring(9)).collect(Collectors.toSet());
    }

    /** Flips one byte in every 16 KiB block: whatever piece this seeder serves fails its hash. */
    private static void corruptEveryBlock(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            for (long pos = 100; pos < f.length(); pos += 16384) {
                f.seek(pos);
                int b = f.read();
                f.seek(pos);
                f.write(b ^ 0x5a);
            }
        }
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }
}
