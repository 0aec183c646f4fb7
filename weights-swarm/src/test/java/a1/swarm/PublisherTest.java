package a1.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.manifest.ManifestException;
import a1.spec.manifest.ModelManifest;
import a1.spec.manifest.ShardRole;
import a1.spec.sign.KeyFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing is deterministic, refuses unsafe keys and busy folders, and describes the model. */
class PublisherTest {
    @TempDir
    Path tmp;

    @Test
    void sameModelAndKeyGiveTheSameModelId() throws Exception {
        Path key = TestModels.newKey(tmp);
        Path gguf = TestModels.shared("stories260K-f16.gguf");
        PublishedModel a = Publisher.publish(gguf, key, tmp.resolve("a"));
        PublishedModel b = Publisher.publish(gguf, key, tmp.resolve("b"));
        assertEquals(a.modelId(), b.modelId());
        ModelManifest m = a.manifest().manifest();
        assertEquals("llama", m.info().architecture());
        assertEquals(5, m.info().layerCount());
        assertEquals(64, m.info().embeddingLength());
        assertEquals(512, m.info().vocabSize());
        assertEquals(5, m.shards().stream().filter(s -> s.role() == ShardRole.LAYER).count());
        assertTrue(Files.exists(a.dir().resolve(ModelDir.TORRENT)));
    }

    @Test
    void keyReadableByOthersIsRefusedBeforeAnyWork() throws Exception {
        Path key = TestModels.newKey(tmp);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Path out = tmp.resolve("out");
        assertThrows(KeyFileException.class, () -> Publisher.publish(TestModels.shared("stories260K-f16.gguf"), key, out));
        assertTrue(Files.notExists(out));
    }

    @Test
    void nonEmptyOutputFolderIsRefused() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("x"), "x");
        ManifestException e = assertThrows(ManifestException.class,
                () -> Publisher.publish(TestModels.shared("stories260K-f16.gguf"), TestModels.newKey(tmp), out));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    }
}
