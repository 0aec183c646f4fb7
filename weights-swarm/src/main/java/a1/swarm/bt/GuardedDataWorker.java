package a1.swarm.bt;

import bt.metainfo.TorrentId;
import bt.net.Peer;
import bt.net.buffer.BufferedData;
import bt.torrent.data.BlockRead;
import bt.torrent.data.BlockWrite;
import bt.torrent.data.DataWorker;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Bt's data worker with the two things Bt lacks: it remembers which peers supplied each piece and bans them when
 * the piece fails its hash ({@link PieceBlame}), and it paces uploads to a byte rate ({@link UploadPacer}; null for no
 * limit). A supplier is the peer whose bytes were written, which is not always the peer whose message carried the
 * write ({@link BlockSenders}).
 */
final class GuardedDataWorker implements DataWorker {
    private final DataWorker delegate;
    private final PieceBlame<Peer> blame;
    private final BlockSenders senders;
    private final PeerBans bans;
    private final BiConsumer<String, String> onBan;
    private final UploadPacer<Peer> pacer;

    GuardedDataWorker(DataWorker delegate, PieceBlame<Peer> blame, BlockSenders senders, PeerBans bans, BiConsumer<String, String> onBan,
                      UploadPacer<Peer> pacer) {
        this.delegate = delegate;
        this.blame = blame;
        this.senders = senders;
        this.bans = bans;
        this.onBan = onBan;
        this.pacer = pacer;
    }

    @Override
    public CompletableFuture<BlockRead> addBlockRequest(TorrentId torrentId, Peer peer, int pieceIndex, int offset, int length) {
        if (pacer == null) return delegate.addBlockRequest(torrentId, peer, pieceIndex, offset, length);
        return pacer.turn(peer, length).thenCompose(x -> delegate.addBlockRequest(torrentId, peer, pieceIndex, offset, length));
    }

    @Override
    public CompletableFuture<BlockWrite> addBlock(TorrentId torrentId, Peer peer, int pieceIndex, int offset, BufferedData buffer) {
        // The buffer may hold another peer's copy of this block (BlockSenders): blame whoever sent these bytes.
        // Blocks still in flight from a peer just banned are judged like any other: a bad piece fails its hash again.
        blame.contributed(pieceIndex, senders.sender(buffer, peer));
        return delegate.addBlock(torrentId, peer, pieceIndex, offset, buffer).whenComplete((write, error) -> {
            if (write != null) write.getVerificationFuture().ifPresent(f -> f.thenAccept(ok -> judge(pieceIndex, ok)));
        });
    }

    private void judge(int pieceIndex, boolean ok) {
        if (ok) {
            blame.passed(pieceIndex);
            return;
        }
        for (Peer peer : blame.failed(pieceIndex, bans::isBanned)) {
            if (bans.ban(peer)) onBan.accept(PeerBans.key(peer), "piece " + pieceIndex + " failed its SHA-1");
        }
    }
}
