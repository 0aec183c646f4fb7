package a1.swarm.bt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bt.metainfo.TorrentId;
import bt.net.InetPeer;
import bt.net.Peer;
import bt.net.buffer.BufferedData;
import bt.net.buffer.DelegatingByteBufferView;
import bt.torrent.data.BlockRead;
import bt.torrent.data.BlockWrite;
import bt.torrent.data.DataWorker;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Bt keeps one decoded buffer per (piece, offset) for all connections, so a block two peers sent is written with the
 * bytes of whichever arrived first. This is how an honest seeder was once banned in SwarmIT: a banned liar's
 * decoded but unwritten blocks were written under the honest seeder's re-download of the same piece.
 */
class BlockSendersTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final Peer liar = InetPeer.build(LOOPBACK, 6001);
    private final Peer honest = InetPeer.build(LOOPBACK, 6002);
    private final BlockSenders senders = new BlockSenders();

    @Test
    void aBlockSentTwiceIsBlamedOnThePeerWhoseBytesAreWritten() {
        BufferedData liarBytes = block(), honestBytes = block();
        assertTrue(senders.from(liar).addBufferedPiece(132, 16384, liarBytes), "decoded, then the liar was banned before it was written");
        assertFalse(senders.from(honest).addBufferedPiece(132, 16384, honestBytes), "Bt keeps the first buffer for the block");
        BufferedData taken = senders.getBufferedPiece(132, 16384); // what Bt hands the data worker for the honest message
        assertSame(liarBytes, taken);

        PieceBlame<Peer> blame = new PieceBlame<>();
        List<Peer> writtenFor = new ArrayList<>();
        new GuardedDataWorker(recording(writtenFor), blame, senders, new PeerBans(new Connections()), (p, why) -> {}, null)
                .addBlock(TorrentId.fromBytes(new byte[20]), honest, 132, 16384, taken);

        assertEquals(List.of(honest), writtenFor, "Bt's own bookkeeping still sees the message's peer");
        assertEquals(List.of(liar), blame.failed(132, p -> false), "the piece's only supplier is the liar");
    }

    @Test
    void eachPeerIsTheSenderOfItsOwnBlocks() {
        BufferedData a = block(), b = block();
        senders.from(liar).addBufferedPiece(3, 0, a);
        senders.from(honest).addBufferedPiece(3, 16384, b);
        assertSame(honest, senders.sender(senders.getBufferedPiece(3, 16384), liar));
        assertSame(liar, senders.sender(senders.getBufferedPiece(3, 0), honest));
    }

    @Test
    void aBufferNoDecoderRegisteredIsTheMessagePeers() {
        BufferedData a = block();
        senders.addBufferedPiece(9, 0, a);
        assertSame(honest, senders.sender(senders.getBufferedPiece(9, 0), honest));
    }

    @Test
    void offsetsAndPiecesDoNotCollide() {
        BufferedData a = block(), b = block();
        assertTrue(senders.from(liar).addBufferedPiece(1, 0, a));
        assertTrue(senders.from(liar).addBufferedPiece(0, 1 << 30, b));
        assertSame(a, senders.getBufferedPiece(1, 0));
        assertSame(b, senders.getBufferedPiece(0, 1 << 30));
    }

    private static BufferedData block() {
        return new BufferedData(new DelegatingByteBufferView(ByteBuffer.allocate(16384)));
    }

    /** A data worker that records for whom it was asked to write and writes nothing. */
    private static DataWorker recording(List<Peer> writtenFor) {
        return new DataWorker() {
            @Override
            public CompletableFuture<BlockRead> addBlockRequest(TorrentId torrentId, Peer peer, int pieceIndex, int offset, int length) {
                throw new UnsupportedOperationException("not read in this test");
            }

            @Override
            public CompletableFuture<BlockWrite> addBlock(TorrentId torrentId, Peer peer, int pieceIndex, int offset, BufferedData buffer) {
                writtenFor.add(peer);
                return CompletableFuture.completedFuture(null);
            }
        };
    }
}
