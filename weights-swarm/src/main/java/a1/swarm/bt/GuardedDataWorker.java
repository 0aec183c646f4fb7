package a1.swarm.bt;

import bt.metainfo.TorrentId;
import bt.net.Peer;
import bt.net.buffer.BufferedData;
import bt.torrent.data.BlockRead;
import bt.torrent.data.BlockWrite;
import bt.torrent.data.DataWorker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Bt's data worker with the two things Bt lacks: it remembers which peers supplied each piece and bans them when
 * the piece fails its hash ({@link PieceBlame}), and it paces uploads to a byte rate. A supplier is the peer whose
 * bytes were written, which is not always the peer whose message carried the write ({@link BlockSenders}).
 */
final class GuardedDataWorker implements DataWorker {
    private final DataWorker delegate;
    private final PieceBlame<Peer> blame;
    private final BlockSenders senders;
    private final PeerBans bans;
    private final BiConsumer<String, String> onBan;
    private final long uploadLimit;
    private long nextFreeNanos = System.nanoTime();

    GuardedDataWorker(DataWorker delegate, PieceBlame<Peer> blame, BlockSenders senders, PeerBans bans, BiConsumer<String, String> onBan,
                      long uploadLimit) {
        this.delegate = delegate;
        this.blame = blame;
        this.senders = senders;
        this.bans = bans;
        this.onBan = onBan;
        this.uploadLimit = uploadLimit;
    }

    @Override
    public CompletableFuture<BlockRead> addBlockRequest(TorrentId torrentId, Peer peer, int pieceIndex, int offset, int length) {
        long delayNanos = reserve(length);
        if (delayNanos <= 0) return delegate.addBlockRequest(torrentId, peer, pieceIndex, offset, length);
        return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS))
                .thenCompose(x -> delegate.addBlockRequest(torrentId, peer, pieceIndex, offset, length));
    }

    /** Token bucket without a thread: each block moves the next free send time forward by its share of a second. */
    private synchronized long reserve(int length) {
        if (uploadLimit == 0) return 0;
        long now = System.nanoTime();
        long start = Math.max(now, nextFreeNanos);
        nextFreeNanos = start + length * 1_000_000_000L / uploadLimit;
        return start - now;
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
