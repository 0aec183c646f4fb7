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
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety on disk: a fetch process is killed with SIGKILL at seeded random moments (during start-up, while
 * blocks arrive, while shards are promoted) and restarted into the same folder each time. After every kill, each
 * shard the folder's record marks verified, and each shard file in the folder, must hash to the manifest's SHA-256;
 * a last fetch must complete the model byte for byte. The killed fetchers stay listed beside the seeder, as they
 * would in the DHT until their announcements expire, and the paced seeder still holds their pending requests.
 */
class KilledFetchIT {
    private static final String MODEL = "synth-k.F32.gguf";
    /** One seeder paced to this rate makes a whole fetch last about fourteen seconds, long enough to be cut many times. */
    private static final long SEEDER_LIMIT = 1 << 20;
    private static final int KILLS = 9;
    private static final long SEED = 0x5EED_CAFEL;

    private enum Phase {
        START(3000), DATA(2000), PROMOTION(1000);

        final long windowMillis;

        Phase(long windowMillis) {
            this.windowMillis = windowMillis;
        }

        /** Whether a line of the fetch process's output marks the start of this phase. */
        boolean begun(String line) {
            return switch (this) {
                case START -> true;
                case DATA -> line.startsWith("PROGRESS ") && Long.parseLong(line.substring(9)) > 0;
                case PROMOTION -> line.startsWith("VERIFIED ");
            };
        }
    }

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
                Set<String> before = marked(out, m);
                // The kills cycle through three phases, each at a random moment within it: start-up (manifest write,
                // reconcile of what is on disk), data (block writes into parts), promotion (shards hashed, linked into
                // the folder and recorded, which starts with the first verified shard).
                Phase phase = Phase.values()[i % Phase.values().length];
                long delayMillis = random.nextLong(phase.windowMillis);
                try (NodeProcess f = new NodeProcess("fetch", discovery.toString(), pub.modelId().hex(), out.toString())) {
                    if (phase != Phase.START) f.await(l -> phase.begun(l) || l.startsWith("DONE"), 120);
                    Thread.sleep(delayMillis);
                    f.kill9();
                    assertNoneAgain(f, before);
                }
                Set<String> after = marked(out, m);
                kills.add(phase + "+" + delayMillis + "ms:" + before.size() + "->" + after.size());
            }
            try (NodeProcess f = new NodeProcess("fetch", discovery.toString(), pub.modelId().hex(), out.toString())) {
                Set<String> before = marked(out, m);
                f.await(l -> l.startsWith("DONE"), 120);
                f.kill9();
                assertNoneAgain(f, before);
            }
        }
        System.out.println("KilledFetchIT kills: " + kills);
        assertEquals(m.shards().size(), marked(out, m).size());
        assertTrue(Verifier.verify(out).complete());
        assertArrayEquals(Files.readAllBytes(gguf), Files.readAllBytes(Assembler.assemble(out, tmp.resolve("assembled.gguf"))));
    }

    /** The shards the folder's record marks verified, after checking that each of them, and every shard file present, is whole. */
    private static Set<String> marked(Path out, ModelManifest m) throws Exception {
        if (!Files.exists(out.resolve(ModelDir.MANIFEST))) return Set.of(); // killed before the folder was made
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
        return record.keySet();
    }

    /** A restarted fetch continues from what was verified: it never verifies (so never downloads) those shards again. */
    private static void assertNoneAgain(NodeProcess f, Set<String> verifiedBefore) throws InterruptedException {
        List<String> again = f.output().stream().filter(l -> l.startsWith("VERIFIED ")).map(l -> l.substring(9)).filter(verifiedBefore::contains).toList();
        assertTrue(again.isEmpty(), "verified again after a restart: " + again);
    }
}
