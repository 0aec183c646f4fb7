package a1.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.manifest.ManifestException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Any changed byte in a shard or in the signed manifest is caught, and the error names what is bad. */
class TamperedFolderTest {
    @TempDir
    Path tmp;
    private PublishedModel pub;

    @BeforeEach
    void publish() throws Exception {
        pub = Publisher.publish(TestModels.shared("stories260K-q8_0.gguf"), TestModels.newKey(tmp), tmp.resolve("pub"));
    }

    @Test
    void untouchedFolderVerifiesCompletely() throws Exception {
        VerifyReport r = Verifier.verify(pub.dir());
        assertTrue(r.complete(), r.toString());
        assertEquals(pub.manifest().manifest().shards().size(), r.good().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.bin", "embedding.bin", "layer-002.bin", "head.bin"})
    void changedShardByteIsReportedByName(String shard) throws Exception {
        flip(pub.dir().resolve(shard), Files.size(pub.dir().resolve(shard)) / 2);
        VerifyReport r = Verifier.verify(pub.dir());
        assertFalse(r.ok());
        assertEquals(1, r.bad().size());
        assertEquals(shard, r.bad().getFirst().shard().file());
        assertTrue(r.bad().getFirst().reason().contains("sha256"), r.bad().getFirst().toString());
        assertFalse(ModelDir.open(pub.dir()).verified().asMap().containsKey(shard), "a bad shard is no longer trusted");
    }

    @Test
    void truncatedShardIsReportedWithItsSize() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(pub.dir().resolve("layer-000.bin").toFile(), "rw")) {
            f.setLength(f.length() - 1);
        }
        VerifyReport.Bad bad = Verifier.verify(pub.dir()).bad().getFirst();
        assertEquals("layer-000.bin", bad.shard().file());
        assertTrue(bad.toString().contains("layer 0") && bad.reason().contains("bytes"), bad.toString());
    }

    @Test
    void everyChangedManifestByteIsRefused() throws Exception {
        Path manifest = pub.dir().resolve(ModelDir.MANIFEST);
        byte[] good = Files.readAllBytes(manifest);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            Files.write(manifest, bad);
            ManifestException e = assertThrows(ManifestException.class, () -> Verifier.verify(pub.dir()), "byte " + i);
            assertTrue(e.getMessage().contains("manifest"), e.getMessage());
        }
    }

    @Test
    void torrentFileThatDoesNotMatchTheManifestIsNotUsed() throws Exception {
        ModelDir md = ModelDir.open(pub.dir());
        assertTrue(md.metainfo().isPresent());
        Path torrent = pub.dir().resolve(ModelDir.TORRENT);
        flip(torrent, Files.size(torrent) - 10);
        assertTrue(md.metainfo().isEmpty(), "a changed .torrent falls back to fetching the info dictionary from peers");
    }

    private static void flip(Path file, long pos) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(pos);
            int b = f.read();
            f.seek(pos);
            f.write(b ^ 0xff);
        }
    }
}
