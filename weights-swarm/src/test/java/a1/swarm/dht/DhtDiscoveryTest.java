package a1.swarm.dht;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.store.Ed25519KeyPair;
import a1.spec.manifest.InfoHash;
import a1.spec.manifest.ModelInfo;
import a1.spec.manifest.ModelManifest;
import a1.spec.manifest.ShardEntry;
import a1.spec.manifest.ShardExtent;
import a1.spec.manifest.ShardRole;
import a1.spec.sign.SignedManifest;
import a1.spec.sign.SigningKey;
import a1.swarm.Publisher;
import a1.swarm.TestModels;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests and peers travel through a 10-node loopback DHT; forged or tampered index data is never returned. */
class DhtDiscoveryTest {
    private static DhtTestSwarm swarm;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSwarm() throws Exception {
        swarm = DhtTestSwarm.start(10, 44);
    }

    @AfterAll
    static void stopSwarm() {
        swarm.close();
    }

    @Test
    void aPublishedManifestResolvesFromAnotherNode() throws Exception {
        SignedManifest signed = Publisher.publish(TestModels.shared("stories260K-q8_0.gguf"), TestModels.newKey(tmp), tmp.resolve("pub")).manifest();
        try (DhtDiscovery publisher = new DhtDiscovery(swarm.node(0)); DhtDiscovery reader = new DhtDiscovery(swarm.node(9))) {
            publisher.publishManifest(signed.encode());
            assertArrayEquals(signed.encode(), reader.resolveManifest(signed.modelId()).orElseThrow());
        }
    }

    @Test
    void aManifestWithManyLayersNeedsATwoLevelTreeAndStillResolves() throws Exception {
        SignedManifest signed = manyLayers(600);
        assertEquals(2, ManifestTree.build(signed.encode()).index().depth(), "600 layers should need a two-level tree");
        try (DhtDiscovery publisher = new DhtDiscovery(swarm.node(3)); DhtDiscovery reader = new DhtDiscovery(swarm.node(7))) {
            publisher.publishManifest(signed.encode());
            assertArrayEquals(signed.encode(), reader.resolveManifest(signed.modelId()).orElseThrow());
        }
    }

    @Test
    void anUnknownModelResolvesToNothing() throws Exception {
        try (DhtDiscovery reader = new DhtDiscovery(swarm.node(5))) {
            assertEquals(Optional.empty(), reader.resolveManifest(manyLayers(2).modelId()));
        }
    }

    @Test
    void aTamperedChunkIsRejectedAndTheHonestRePutWinsBack() throws Exception {
        SignedManifest signed = manyLayers(20);
        byte[] tampered = signed.encode();
        tampered[tampered.length / 2] ^= 1; // the index is valid, one leaf is not what the publisher signed
        forgeIndex(signed, tampered, swarm.node(2));
        try (DhtDiscovery reader = new DhtDiscovery(swarm.node(8)); DhtDiscovery publisher = new DhtDiscovery(swarm.node(1))) {
            assertEquals(Optional.empty(), reader.resolveManifest(signed.modelId()));
            publisher.publishManifest(signed.encode()); // picks a seq above the forged one
            assertArrayEquals(signed.encode(), reader.resolveManifest(signed.modelId()).orElseThrow());
        }
    }

    @Test
    void aForgedIndexPointingAtAnotherModelIsRejected() throws Exception {
        SignedManifest signed = manyLayers(30);
        SignedManifest other = manyLayers(31); // valid and signed, but not the model asked for
        forgeIndex(signed, other.encode(), swarm.node(4));
        try (DhtDiscovery reader = new DhtDiscovery(swarm.node(6))) {
            assertEquals(Optional.empty(), reader.resolveManifest(signed.modelId()));
        }
    }

    @Test
    void peersAnnouncedUnderTheInfoHashAreFound() throws Exception {
        byte[] hash = new byte[20];
        new Random(7).nextBytes(hash);
        InfoHash infoHash = new InfoHash(hash);
        try (DhtDiscovery seeder = new DhtDiscovery(swarm.node(0)); DhtDiscovery reader = new DhtDiscovery(swarm.node(9))) {
            seeder.announce(infoHash, 40123);
            List<InetSocketAddress> peers = reader.findPeers(infoHash);
            assertTrue(peers.contains(new InetSocketAddress("127.0.0.1", 40123)), peers.toString());
        }
    }

    @Test
    void thePublisherRePutsTheIndexOnSchedule() throws Exception {
        SignedManifest signed = manyLayers(3);
        byte[] indexKey = DhtKeys.manifestIndex(signed.modelId()).publicKey();
        try (DhtDiscovery publisher = new DhtDiscovery(swarm.node(2), Duration.ofHours(1), Duration.ofMillis(300))) {
            publisher.publishManifest(signed.encode());
            long first = swarm.node(8).getMutable(indexKey, new byte[0]).join().orElseThrow().seq();
            long deadline = System.nanoTime() + 10_000_000_000L;
            long seq = first;
            while (seq == first && System.nanoTime() < deadline) {
                Thread.sleep(200);
                seq = swarm.node(8).getMutable(indexKey, new byte[0]).join().orElseThrow().seq();
            }
            assertTrue(seq > first, "no re-put within 10 s");
        }
    }

    /** Stores {@code bytes} as a manifest tree and points the model's index at it with a higher seq than now. */
    private static void forgeIndex(SignedManifest model, byte[] bytes, a1.dht.DhtNode node) {
        ManifestTree.Built tree = ManifestTree.build(bytes);
        for (byte[] item : tree.items()) node.putImmutable(item).join();
        Ed25519KeyPair keys = DhtKeys.manifestIndex(model.modelId());
        node.putMutable(keys, new byte[0], tree.index().encode(), System.currentTimeMillis() / 1000 + 60, OptionalLong.empty()).join();
    }

    /** A signed manifest with {@code layers} layer shards of 10 bytes each (only its size matters here). */
    static SignedManifest manyLayers(int layers) {
        SigningKey key = SigningKey.generate(new SecureRandom());
        byte[] h = new byte[32];
        List<ShardEntry> shards = new ArrayList<>();
        shards.add(new ShardEntry(ShardRole.METADATA, -1, ShardEntry.fileName(ShardRole.METADATA, -1), 10, h, List.of(new ShardExtent(0, 10))));
        for (int i = 0; i < layers; i++) {
            shards.add(new ShardEntry(ShardRole.LAYER, i, ShardEntry.fileName(ShardRole.LAYER, i), 10, h, List.of(new ShardExtent(10 + 10L * i, 10))));
        }
        ModelManifest m = new ModelManifest(new ModelInfo("many", "llama", layers, 64, 172, 8, 4, 2048, 512), 10 + 10L * layers, h, "many",
                1 << 16, new InfoHash(new byte[20]), key.publicKey(), shards);
        return SignedManifest.sign(m, key);
    }
}
