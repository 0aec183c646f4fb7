package a1.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.manifest.ModelId;
import a1.spec.manifest.ShardEntry;
import a1.spec.manifest.ShardExtent;
import a1.spec.manifest.ShardRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verified-shard record survives reloads, names its model, and never trusts what it cannot read. */
class VerifiedShardsTest {
    @TempDir
    Path tmp;

    private static final ModelId MODEL = ModelId.of(new byte[] {1});
    private static final ShardEntry LAYER = new ShardEntry(ShardRole.LAYER, 3, "layer-003.bin", 10, new byte[32], List.of(new ShardExtent(0, 10)));

    @Test
    void addedShardIsTrustedAfterReloadAndRemovedOneIsNot() throws Exception {
        Path f = tmp.resolve("verified");
        VerifiedShards.load(f, MODEL).add(LAYER);
        assertTrue(VerifiedShards.load(f, MODEL).contains(LAYER));
        assertTrue(Files.notExists(tmp.resolve("verified.tmp")), "the temp file was renamed into place");
        VerifiedShards.load(f, MODEL).remove(LAYER.file());
        assertFalse(VerifiedShards.load(f, MODEL).contains(LAYER));
    }

    @Test
    void recordOfAnotherModelOrWithOtherHashIsIgnored() throws Exception {
        Path f = tmp.resolve("verified");
        VerifiedShards.load(f, MODEL).add(LAYER);
        assertFalse(VerifiedShards.load(f, ModelId.of(new byte[] {2})).contains(LAYER));
        byte[] otherHash = new byte[32];
        otherHash[0] = 1;
        assertFalse(VerifiedShards.load(f, MODEL).contains(new ShardEntry(ShardRole.LAYER, 3, "layer-003.bin", 10, otherHash, LAYER.extents())));
    }

    @Test
    void damagedRecordTrustsNothingItCannotParse() throws Exception {
        Path f = tmp.resolve("verified");
        Files.writeString(f, "a1-verified-v1 " + MODEL.hex() + "\nnot a line\n" + "00".repeat(32) + " ten layer-003.bin\n");
        VerifiedShards v = VerifiedShards.load(f, MODEL);
        assertFalse(v.contains(LAYER));
        assertEquals(0, v.asMap().size());
    }
}
