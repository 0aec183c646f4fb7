package a1.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.manifest.ShardRole;
import a1.swarm.bt.BtBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publish, seed and fetch a layer range then the rest inside one JVM, over loopback. */
class InProcessSwarmTest {
    @TempDir
    Path tmp;

    @Test
    void layerRangeThenFullModelReassemblesTheOriginal() throws Exception {
        Path gguf = TestModels.shared("stories260K-f32.gguf");
        PublishedModel pub = Publisher.publish(gguf, TestModels.newKey(tmp), tmp.resolve("pub"));
        FileDiscovery discovery = new FileDiscovery(tmp.resolve("discovery"));
        BtBackend bt = new BtBackend();
        try (Seeder seeder = new Seeder(bt, discovery, SwarmOptions.loopback())) {
            long ts=System.nanoTime(); seeder.seed(pub.dir()); System.err.println("T seed "+(System.nanoTime()-ts)/1e6);
            Fetcher fetcher = new Fetcher(bt, discovery, SwarmOptions.loopback().withStallTimeout(java.time.Duration.ofSeconds(20)));
            Path out = tmp.resolve("out");
            long t0=System.nanoTime(); FetchResult first = fetcher.fetch(pub.modelId(), ShardSelection.layers(new LayerRange(1, 2)), out, new ProgressListener() { public void progress(FetchProgress p) { System.err.println("P " + System.nanoTime()/1000000 % 100000 + " " + p); } public void shardVerified(a1.spec.manifest.ShardEntry s) { System.err.println("V " + System.nanoTime()/1000000 % 100000 + " " + s.file()); } });
            assertEquals(3, first.shards().size(), "metadata + layers 1 and 2");
            assertTrue(first.shards().stream().noneMatch(s -> s.role() == ShardRole.EMBEDDING || s.role() == ShardRole.HEAD));
            assertTrue(Files.exists(out.resolve("layer-001.bin")));
            assertTrue(Files.notExists(out.resolve("layer-000.bin")));
            System.err.println("T first "+(System.nanoTime()-t0)/1e6); t0=System.nanoTime(); FetchResult all = fetcher.fetch(pub.modelId(), ShardSelection.all(), out, ProgressListener.NONE);
            assertEquals(pub.manifest().manifest().shards().size(), all.shards().size());
            System.err.println("T all "+(System.nanoTime()-t0)/1e6);
            assertTrue(Verifier.verify(out).complete());
            assertArrayEquals(Files.readAllBytes(gguf), Files.readAllBytes(Assembler.assemble(out)));
        }
    }
}
