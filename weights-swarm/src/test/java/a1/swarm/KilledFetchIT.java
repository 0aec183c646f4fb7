package a1.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.Digests;
import a1.spec.manifest.ModelManifest;
import a1.spec.manifest.ShardEntry;
import a1.spec.sign.SignedManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety on disk: a fetch process is killed with SIGKILL at seeded random moments (during start-up, while
 * blocks arrive, while shards are promoted) and restarted into the same folder each time. After every kill, each
 * shard the folder's record marks verified, and each shard file in the folder, must hash to the manifest's SHA-256;
 * a last fetch must complete the model byte for byte.
 */
class KilledFetchIT {
    private static final String MODEL = "synth-k.Q4_0.gguf";
    /** One seeder paced to this rate makes a whole fetch last about eight seconds, long enough to be cut many times. */
    private static final long SEEDER_LIMIT = 256 << 10;
    static final int KILLS = 8;
    static final long SEED = 0x5EED_CAFEL;

    @TempDir
    Path tmp;

    @Test
    void killedFetchesNeverLeaveAnUnverifiedShardMarkedVerifiedAndTheLastOneCompletes() throws Exception {
        Path gguf = TestModels.shared(MODEL);
        PublishedModel pub = Publisher.publish(gguf, TestModels.newKey(tmp), tmp.resolve("pub"));
        ModelManifest m = pub.manifest().manifest();
        Path discovery = tmp.resolve("discovery");
        Path out = tmp.resolve("out");
        Random random = new Random(SEED);
        List<String> kills = new ArrayList<>();
        try (NodeProcess seeder = new NodeProcess("seed", discovery.toString(), pub.dir().toString(), Long.toString(SEEDER_LIMIT))) {
            seeder.await(l -> l.startsWith("SEEDING"), 60);
            for (int i = 0; i < KILLS; i++) {
                long delayMillis = random.nextLong(4000);
                try (NodeProcess f = new NodeProcess("fetch", discovery.toString(), pub.modelId().hex(), out.toString())) {
                    Thread.sleep(delayMillis);
                    f.kill9();
                    kills.add("after " + delayMillis + " ms: " + f.seen().stream().filter(l -> l.startsWith("VERIFIED")).count() + " shards verified");
                }
                int marked = assertVerifiedMeansVerified(out, m);
                kills.set(i, kills.get(i) + ", " + marked + " marked in the folder");
            }
            try (NodeProcess f = new NodeProcess("fetch", discovery.toString(), pub.modelId().hex(), out.toString())) {
                f.await(l -> l.startsWith("DONE"), 120);
            }
        }
        System.out.println("KilledFetchIT kills: " + kills);
        assertEquals(m.shards().size(), assertVerifiedMeansVerified(out, m));
        assertTrue(Verifier.verify(out).complete());
        assertArrayEquals(Files.readAllBytes(gguf), Files.readAllBytes(Assembler.assemble(out)));
    }

    /** Every shard the record marks verified, and every shard file in the folder, is whole; returns how many are marked. */
    private static int assertVerifiedMeansVerified(Path out, ModelManifest m) throws Exception {
        if (!Files.exists(out.resolve(ModelDir.MANIFEST))) return 0; // killed before the folder was made
        assertEquals(m, SignedManifest.decode(Files.readAllBytes(out.resolve(ModelDir.MANIFEST))).manifest(), "the manifest is written whole or not at all");
        Map<String, String> record = VerifiedShards.load(out.resolve(".a1/verified"), ModelDir.open(out).id()).asMap();
        for (String file : record.keySet()) {
            ShardEntry s = m.shard(file).orElseThrow(() -> new AssertionError("the record names " + file + ", which the manifest does not"));
            assertEquals(s.sha256Hex() + " " + s.size(), record.get(file));
            assertTrue(Files.isRegularFile(out.resolve(file)), file + " is marked verified but missing");
        }
        for (ShardEntry s : m.shards()) {
            Path p = out.resolve(s.file());
            if (Files.exists(p)) assertEquals(s.sha256Hex(), HexFormat.of().formatHex(Digests.sha256(p)), s.file() + " is in the folder but not whole");
        }
        return record.size();
    }
}
