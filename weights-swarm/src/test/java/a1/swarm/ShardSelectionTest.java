package a1.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import a1.spec.manifest.ModelManifest;
import a1.spec.manifest.ShardEntry;
import a1.spec.model.LayerRange;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layer ranges pick the metadata shard always, the embedding with layer 0 and the head with the last layer. */
class ShardSelectionTest {
    @TempDir
    static Path tmp;
    private static ModelManifest m;

    @BeforeAll
    static void publish() throws Exception {
        m = Publisher.publish(TestModels.shared("stories260K-q4_0.gguf"), TestModels.newKey(tmp), tmp.resolve("pub")).manifest().manifest();
    }

    private static List<String> files(ShardSelection s) {
        return s.select(m).stream().map(ShardEntry::file).toList();
    }

    @Test
    void rangesChooseRolesByPosition() {
        assertEquals(List.of("metadata.bin", "embedding.bin", "layer-000.bin", "layer-001.bin"), files(ShardSelection.layers(LayerRange.parse("0-1"))));
        assertEquals(List.of("metadata.bin", "layer-002.bin"), files(ShardSelection.layers(LayerRange.parse("2"))));
        assertEquals(List.of("metadata.bin", "layer-003.bin", "layer-004.bin", "head.bin"), files(ShardSelection.layers(LayerRange.parse("3-4"))));
        assertEquals(List.of("metadata.bin", "layer-003.bin", "layer-004.bin"), files(ShardSelection.layers(LayerRange.parse("3-4")).withHead(false)));
        assertEquals(List.of("metadata.bin", "embedding.bin", "layer-002.bin"), files(ShardSelection.layers(LayerRange.parse("2")).withEmbedding(true)));
        assertEquals(m.shards().size(), files(ShardSelection.all()).size());
        assertEquals(List.of("metadata.bin", "embedding.bin", "head.bin"), files(ShardSelection.ends()));
        assertEquals(List.of("metadata.bin"), files(ShardSelection.ends().withEmbedding(false).withHead(false)));
    }

    @Test
    void rangePastTheLastLayerIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShardSelection.layers(LayerRange.parse("4-5")).select(m));
        assertEquals("layer range 4-5 is past the model's last layer 4", e.getMessage());
    }
}
