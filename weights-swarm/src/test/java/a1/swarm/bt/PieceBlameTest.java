package a1.swarm.bt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sole suppliers of a bad piece are banned at once; co-suppliers only after repeated bad pieces. */
class PieceBlameTest {
    @Test
    void soleSupplierOfABadPieceIsBanned() {
        PieceBlame<String> b = new PieceBlame<>();
        b.contributed(7, "a");
        b.contributed(7, "a");
        assertEquals(List.of("a"), b.failed(7));
    }

    @Test
    void coSuppliersAreBannedOnTheirSecondBadPiece() {
        PieceBlame<String> b = new PieceBlame<>();
        b.contributed(1, "liar");
        b.contributed(1, "honest");
        assertEquals(List.of(), b.failed(1));
        b.contributed(2, "liar");
        b.contributed(2, "other");
        assertEquals(List.of("liar"), b.failed(2));
    }

    @Test
    void goodPieceClearsItsSuppliers() {
        PieceBlame<String> b = new PieceBlame<>();
        b.contributed(3, "a");
        b.passed(3);
        assertEquals(List.of(), b.failed(3));
    }
}
