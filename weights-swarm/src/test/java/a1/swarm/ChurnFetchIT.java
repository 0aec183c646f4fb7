package a1.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fetch under churn: three paced seeder processes, one of which is killed (SIGKILL) and restarted at a random
 * moment every one to two seconds, while the fetch process itself is killed twice and restarted into the same folder.
 * The model must arrive whole, byte for byte, with every shard verified (KilledFetchIT shows that a restart keeps
 * what was verified).
 */
class ChurnFetchIT {
    private static final String MODEL = "synth-k.F32.gguf";
    /** Each seeder's upload rate: three of them make the fetch last several seconds, long enough to churn. */
    private static final long SEEDER_LIMIT = 512 << 10;
    private static final int SEEDERS = 3;
    private static final int FETCH_KILLS = 2;
    private static final long SEED = 0xC4A05L;

    @TempDir
    Path tmp;

    @Test
    void aFetchCompletesWholeWhileSeedersAndTheFetcherItselfAreKilled() throws Exception {
        Path gguf = TestModels.shared(MODEL);
        PublishedModel pub = Publisher.publish(gguf, TestModels.newKey(tmp), tmp.resolve("pub"));
        Path discovery = tmp.resolve("discovery");
        Path out = tmp.resolve("out");
        Random random = new Random(SEED);
        List<NodeProcess> seeders = new ArrayList<>();
        int seederKills = 0, fetches = 0;
        try {
            for (int i = 0; i < SEEDERS; i++) seeders.add(seeder(discovery, pub));
            boolean done = false;
            while (!done) {
                fetches++;
                try (NodeProcess f = new NodeProcess("fetch", discovery.toString(), pub.modelId().hex(), out.toString())) {
                    long now = System.nanoTime();
                    long killFetchAt = fetches <= FETCH_KILLS ? now + 1_000_000_000L * (2 + random.nextInt(3)) : Long.MAX_VALUE;
                    long nextChurn = now + 1_000_000L * (1_000 + random.nextInt(1_000));
                    long deadline = now + 180_000_000_000L;
                    while (true) {
                        String line = f.next(200);
                        if (line != null && line.startsWith("DONE")) {
                            done = true;
                            break;
                        }
                        if (line != null && line.startsWith("ERROR")) throw new AssertionError("the fetch failed: " + line);
                        now = System.nanoTime();
                        if (now > killFetchAt) {
                            f.kill9();
                            break;
                        }
                        assertTrue(now < deadline, "the fetch did not finish within 180 s under churn");
                        if (now > nextChurn) { // kill a random seeder and start a new one in its place
                            int victim = random.nextInt(SEEDERS);
                            seeders.get(victim).kill9();
                            // its announcement stays listed, as in the DHT until it expires
                            seeders.set(victim, seeder(discovery, pub));
                            seederKills++;
                            nextChurn = System.nanoTime() + 1_000_000L * (1_000 + random.nextInt(1_000));
                        }
                    }
                }
            }
        } finally {
            for (NodeProcess s : seeders) s.close();
        }
        System.out.printf("ChurnFetchIT: %d seeder kills and restarts, %d fetch processes (%d killed)%n", seederKills, fetches, fetches - 1);
        assertTrue(seederKills >= 2, "the churn happened: " + seederKills + " seeder kills");
        assertTrue(Verifier.verify(out).complete());
        assertArrayEquals(Files.readAllBytes(gguf), Files.readAllBytes(Assembler.assemble(out, tmp.resolve("assembled.gguf"))));
    }

    private static NodeProcess seeder(Path discovery, PublishedModel pub) throws Exception {
        NodeProcess s = new NodeProcess("seed", discovery.toString(), pub.dir().toString(), Long.toString(SEEDER_LIMIT));
        s.await(l -> l.startsWith("SEEDING"), 60);
        return s;
    }
}
