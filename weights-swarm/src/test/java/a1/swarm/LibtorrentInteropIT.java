package a1.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.manifest.ShardEntry;
import a1.swarm.bt.BtBackend;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A1 model torrents work with another BitTorrent implementation (libtorrent-rasterbar, Debian python3-libtorrent),
 * both ways, over loopback: libtorrent downloads from an A1 seeder, and an A1 fetcher downloads from libtorrent,
 * getting the info dictionary from it by BEP 9, then serves what it fetched to libtorrent.
 */
class LibtorrentInteropIT {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path tmp;

    @Test
    void libtorrentDownloadsFromAnA1Seeder() throws Exception {
        PublishedModel pub = Publisher.publish(TestModels.shared("synth-k.Q8_0.gguf"), TestModels.newKey(tmp), tmp.resolve("pub"));
        try (Seeder seeder = new Seeder(new BtBackend(), new FileDiscovery(tmp.resolve("d")), SwarmOptions.loopback())) {
            int port = seeder.seed(pub.dir()).port();
            Path save = Files.createDirectory(tmp.resolve("lt"));
            String done = runPython("fetch", pub.dir().resolve(ModelDir.TORRENT).toString(), save.toString(), Integer.toString(port));
            assertTrue(done.startsWith("DONE "), done);
        }
        Path got = tmp.resolve("lt").resolve(pub.manifest().manifest().torrentName());
        for (ShardEntry s : pub.manifest().manifest().shards()) {
            assertArrayEquals(Files.readAllBytes(pub.dir().resolve(s.file())), Files.readAllBytes(got.resolve(s.file())), s.file());
        }
    }

    @Test
    void a1FetchesFromALibtorrentSeederThenSeedsWhatItFetched() throws Exception {
        Path gguf = TestModels.shared("synth-k.Q8_0.gguf");
        PublishedModel pub = Publisher.publish(gguf, TestModels.newKey(tmp), tmp.resolve("pub"));
        Path save = tmp.resolve("lt");
        Path files = Files.createDirectories(save.resolve(pub.manifest().manifest().torrentName()));
        for (ShardEntry s : pub.manifest().manifest().shards()) Files.copy(pub.dir().resolve(s.file()), files.resolve(s.file()));
        Process lt = python("seed", pub.dir().resolve(ModelDir.TORRENT).toString(), save.toString());
        try {
            String seeding = firstLine(lt);
            assertTrue(seeding.startsWith("SEEDING "), seeding);
            FileDiscovery discovery = new FileDiscovery(tmp.resolve("d"));
            discovery.publishManifest(pub.manifest().encode());
            discovery.announce(pub.manifest().manifest().infoHash(), Integer.parseInt(seeding.split(" ")[1]));
            Path out = tmp.resolve("out");
            new Fetcher(new BtBackend(), discovery, SwarmOptions.loopback().withStallTimeout(Duration.ofSeconds(30)))
                    .fetch(pub.modelId(), ShardSelection.all(), out, ProgressListener.NONE);
            assertTrue(Verifier.verify(out).complete());
            assertArrayEquals(Files.readAllBytes(gguf), Files.readAllBytes(Assembler.assemble(out, tmp.resolve("assembled.gguf"))));
        } finally {
            lt.destroyForcibly().waitFor();
        }
        // The fetched folder (info dictionary from BEP 9, shards hard-linked out of .a1/parts) seeds as it is.
        try (Seeder seeder = new Seeder(new BtBackend(), new FileDiscovery(tmp.resolve("d2")), SwarmOptions.loopback())) {
            int port = seeder.seed(tmp.resolve("out")).port();
            Path again = Files.createDirectory(tmp.resolve("lt-again"));
            String done = runPython("fetch", pub.dir().resolve(ModelDir.TORRENT).toString(), again.toString(), Integer.toString(port));
            assertTrue(done.startsWith("DONE "), done);
            for (ShardEntry s : pub.manifest().manifest().shards()) {
                assertArrayEquals(Files.readAllBytes(pub.dir().resolve(s.file())),
                        Files.readAllBytes(again.resolve(pub.manifest().manifest().torrentName()).resolve(s.file())), s.file());
            }
        }
    }

    private static Process python(String... args) throws Exception {
        Path script = Path.of(LibtorrentInteropIT.class.getResource("/interop/lt_peer.py").toURI());
        String[] cmd = new String[args.length + 2];
        cmd[0] = PYTHON;
        cmd[1] = script.toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static String runPython(String... args) throws Exception {
        Process p = python(args);
        String line = firstLine(p);
        p.waitFor();
        return line;
    }

    private static String firstLine(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        return line == null ? "(no output, exit " + p.waitFor() + ")" : line;
    }
}
