package a1.swarm.bt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Liars are banned; honest peers that share bad pieces with them, or write after them, are not. */
class PieceBlameTest {
    @Test
    void soleSupplierOfABadPieceIsBanned() {
        PieceBlame<String> b = new PieceBlame<>();
        b.contributed(7, "a");
        b.contributed(7, "a");
        assertEquals(List.of("a"), b.failed(7, p -> false));
    }

    @Test
    void badPieceSharedWithABannedPeerIsBlamedOnItAlone() {
        PieceBlame<String> b = new PieceBlame<>();
        for (int piece = 10; piece < 20; piece++) {
            b.contributed(piece, "liar");
            b.contributed(piece, "honest");
            assertEquals(List.of(), b.failed(piece, "liar"::equals));
        }
    }

    @Test
    void lateBlockOfABannedPeerStillCountsAfterTheFirstFailure() {
        PieceBlame<String> b = new PieceBlame<>();
        b.contributed(5, "liar");
        assertEquals(List.of("liar"), b.failed(5, p -> false));
        b.contributed(5, "honest"); // re-download; a stale liar block was written into the piece again
        assertEquals(List.of(), b.failed(5, "liar"::equals), "the honest re-downloader is not the sole supplier");
    }

    @Test
    void sharedSuppliersAreBannedOnlyWhenTheirTrustRunsOut() {
        PieceBlame<String> b = new PieceBlame<>();
        for (int piece = 0; piece < 5; piece++) {
            b.contributed(piece, "good");
            b.passed(piece);
        }
        List<String> banned = List.of();
        int failures = 0;
        while (banned.isEmpty()) {
            b.contributed(100 + failures, "bad");
            b.contributed(100 + failures, "good");
            banned = b.failed(100 + failures, p -> false);
            failures++;
        }
        assertEquals(List.of("bad"), banned, "the peer without good pieces runs out of trust first");
        assertEquals(4, failures); // -2 per shared failure, banned at -7
    }
}
