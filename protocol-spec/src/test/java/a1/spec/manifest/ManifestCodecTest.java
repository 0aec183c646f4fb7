package a1.spec.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.bencode.BDict;
import a1.spec.bencode.BInt;
import a1.spec.bencode.BValue;
import a1.spec.bencode.Bencode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The manifest encoding is the one SPEC.md spells out, deterministic, and decodes to the same value. */
class ManifestCodecTest {
    private static final String Z32 = "\0".repeat(32);
    private static final String H32 = "\1" + "\0".repeat(31);

    @Test
    void encodingMatchesTheSpecByteForByte() {
        // Written by hand from SPEC.md: keys sorted, integers in decimal, hashes as raw byte strings.
        String expected = "d2:a1i1e12:architecture5:llama14:context_lengthi2048e16:embedding_lengthi64e"
                + "19:feed_forward_lengthi172e11:file_sha25632:" + Z32 + "9:file_sizei25e10:head_counti8e13:head_count_kvi4e"
                + "9:info_hash20:" + "\0".repeat(20) + "11:layer_counti1e4:name4:tiny12:piece_lengthi65536e9:publisher32:" + Z32
                + "6:shardsl"
                + "d7:extentslli0ei10eee4:file12:metadata.bin4:role8:metadata6:sha25632:" + H32 + "4:sizei10ee"
                + "d7:extentslli10ei5eee4:file13:embedding.bin4:role9:embedding6:sha25632:" + H32 + "4:sizei5ee"
                + "d7:extentslli15ei4eeli22ei3eee4:file13:layer-000.bin5:layeri0e4:role5:layer6:sha25632:" + H32 + "4:sizei7ee"
                + "d7:extentslli19ei3eee4:file8:head.bin4:role4:head6:sha25632:" + H32 + "4:sizei3ee"
                + "e12:torrent_name4:tiny10:vocab_sizei512ee";
        assertArrayEquals(expected.getBytes(StandardCharsets.ISO_8859_1), ManifestCodec.encode(Manifests.tiny(new byte[32])));
    }

    @Test
    void decodeOfEncodeIsIdentityAndEncodeIsDeterministic() throws Exception {
        ModelManifest m = Manifests.tiny(new byte[32]);
        byte[] once = ManifestCodec.encode(m);
        assertArrayEquals(once, ManifestCodec.encode(m));
        ModelManifest back = ManifestCodec.decode(once);
        assertEquals(m, back);
        assertArrayEquals(once, ManifestCodec.encode(back));
        assertEquals(ModelId.of(once), ModelId.ofHex(ModelId.of(once).hex()));
    }

    @Test
    void unknownFieldIsRefused() throws Exception {
        Map<String, BValue> d = new TreeMap<>(((BDict) Bencode.decode(ManifestCodec.encode(Manifests.tiny(new byte[32])))).entries());
        d.put("zzz", new BInt(1));
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestCodec.decode(Bencode.encode(BDict.of(d))));
        assertTrue(e.getMessage().contains("canonical"), e.getMessage());
    }

    @Test
    void shardsOutOfOrderOrNotTilingAreRefused() throws Exception {
        ModelManifest m = Manifests.tiny(new byte[32]);
        List<ShardEntry> swapped = new ArrayList<>(m.shards());
        swapped.set(1, m.shards().get(2));
        swapped.set(2, m.shards().get(1));
        assertThrows(IllegalArgumentException.class, () -> new ModelManifest(m.info(), m.fileSize(), m.fileSha256(), m.torrentName(),
                m.pieceLength(), m.infoHash(), m.publisher(), swapped));
        assertThrows(IllegalArgumentException.class, () -> new ModelManifest(m.info(), m.fileSize() + 1, m.fileSha256(), m.torrentName(),
                m.pieceLength(), m.infoHash(), m.publisher(), m.shards()));
        byte[] bad = new String(ManifestCodec.encode(m), StandardCharsets.ISO_8859_1).replace("i22ei3e", "i21ei3e").getBytes(StandardCharsets.ISO_8859_1);
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestCodec.decode(bad));
        assertTrue(e.getMessage().contains("tile"), e.getMessage());
    }
}
