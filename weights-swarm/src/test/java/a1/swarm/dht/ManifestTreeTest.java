package a1.swarm.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SPEC.md 9.2 and 9.3: the tree and index test vector, size limits, and index decoding of bad input. */
class ManifestTreeTest {
    @Test
    void twoThousandBytesMakeThreeLeavesUnderOneRoot() {
        byte[] m = new byte[2000];
        for (int i = 0; i < m.length; i++) m[i] = (byte) (i % 251);
        ManifestTree.Built t = ManifestTree.build(m);
        assertEquals(List.of("0aee0675f5ef715132c9c58b0a6a34bfb8cb5d71", "2189525f8d5599d1053ba20e6e4e3ffd0ba6d347", "d2aacfa2090448bddfc533cd7469263be0043f0b"),
                t.items().subList(0, 3).stream().map(v -> ManifestTree.key(v).hex()).toList());
        assertEquals(4, t.items().size());
        assertEquals("a0995b43bb4796765250ec72b406fadbf21dadb8", t.index().root().hex());
        assertEquals("0101000007d0a0995b43bb4796765250ec72b406fadbf21dadb8", HexFormat.of().formatHex(t.index().encode()));
    }

    @Test
    void everyItemFitsBep44AndTheDepthFollowsTheLength() {
        for (int len : new int[] {1, 992, 993, 992 * 49, 992 * 49 + 1, ManifestTree.MAX_LENGTH}) {
            ManifestTree.Built t = ManifestTree.build(new byte[len]);
            for (byte[] item : t.items()) assertTrue(item.length + Integer.toString(item.length).length() + 1 <= 1000, "item of " + item.length + " bytes");
            assertEquals(ManifestIndex.depthFor(len), t.index().depth(), "length " + len);
            assertEquals(t.index(), ManifestIndex.decode(t.index().encode()));
        }
        assertEquals(0, ManifestIndex.depthFor(992));
        assertEquals(1, ManifestIndex.depthFor(993));
        assertEquals(2, ManifestIndex.depthFor(992 * 49 + 1));
        assertThrows(IllegalArgumentException.class, () -> ManifestTree.build(new byte[ManifestTree.MAX_LENGTH + 1]));
    }

    @Test
    void randomIndexBytesAreRejectedWithAMessageOrDecodeConsistently() {
        Random r = new Random(1);
        byte[] good = ManifestTree.build(new byte[5000]).index().encode();
        for (int i = 0; i < 2000; i++) {
            byte[] v = r.nextInt(4) == 0 ? new byte[r.nextInt(40)] : good.clone();
            if (v.length == good.length) v[r.nextInt(v.length)] ^= (byte) (1 << r.nextInt(8));
            else r.nextBytes(v);
            try {
                ManifestIndex idx = ManifestIndex.decode(v);
                assertEquals(ManifestIndex.depthFor(idx.length()), idx.depth());
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith("manifest index"), e.getMessage());
            }
        }
    }

    @Test
    void interiorNodesMustBeWholeKeys() {
        assertThrows(IllegalArgumentException.class, () -> ManifestTree.children(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> ManifestTree.children(new byte[21]));
        assertThrows(IllegalArgumentException.class, () -> ManifestTree.children(new byte[50 * 20]));
        assertEquals(49, ManifestTree.children(new byte[49 * 20]).size());
    }
}
