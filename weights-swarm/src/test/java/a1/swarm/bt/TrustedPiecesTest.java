package a1.swarm.bt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.swarm.SwarmJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A piece is trusted without hashing exactly when every byte of it belongs to a verified file. */
class TrustedPiecesTest {
    @Test
    void matchesByteByByteOwnershipOnRandomLayouts() {
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            long pieceLength = 1L << (4 + rnd.nextInt(4));
            List<SwarmJob.File> files = new ArrayList<>();
            int n = 1 + rnd.nextInt(6);
            for (int i = 0; i < n; i++) files.add(new SwarmJob.File("f" + i, 1 + rnd.nextInt(300), Path.of("f" + i), rnd.nextBoolean(), false));
            assertEquals(byBytes(files, pieceLength), BtBackend.trustedPieces(files, pieceLength), files.toString());
        }
    }

    /** The slow, obvious definition: walk every byte. */
    private static BitSet byBytes(List<SwarmJob.File> files, long pieceLength) {
        List<Boolean> owner = new ArrayList<>();
        for (SwarmJob.File f : files) for (long i = 0; i < f.size(); i++) owner.add(f.verified());
        int pieces = (int) ((owner.size() + pieceLength - 1) / pieceLength);
        BitSet expected = new BitSet();
        for (int p = 0; p < pieces; p++) {
            boolean all = true;
            for (long b = p * pieceLength; b < Math.min(owner.size(), (p + 1) * pieceLength); b++) all &= owner.get((int) b);
            if (all) expected.set(p);
        }
        return expected;
    }
}
