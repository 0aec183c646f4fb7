package a1.swarm.bt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.spec.manifest.TorrentInfo;
import org.junit.jupiter.api.Test;

/** How many pieces a connection keeps requested: about 8 MiB, 16 to 256 pieces, for every piece length A1 publishes. */
class BtBackendTest {
    @Test
    void piecesInFlightHoldAboutEightMebibytes() {
        assertEquals(128, BtBackend.piecesInFlight(TorrentInfo.MIN_PIECE)); // 64 KiB: models under 128 MiB
        assertEquals(32, BtBackend.piecesInFlight(256 << 10));
        assertEquals(16, BtBackend.piecesInFlight(1 << 20)); // never fewer than Bt was tuned with before
        assertEquals(16, BtBackend.piecesInFlight(TorrentInfo.MAX_PIECE));
        assertEquals(256, BtBackend.piecesInFlight(16 << 10));
    }
}
