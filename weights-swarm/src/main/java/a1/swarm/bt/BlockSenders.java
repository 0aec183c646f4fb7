package a1.swarm.bt;

import bt.net.Peer;
import bt.net.buffer.BufferedData;
import bt.net.pipeline.IBufferedPieceRegistry;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bt's registry of received blocks waiting to be written, which also remembers who sent each one. Bt keeps a
 * single registry per runtime keyed by piece and offset only, and the first buffer registered for a key wins: when
 * two peers send the same block (a piece re-assigned while the first peer's reply still sits decoded but unwritten,
 * as happens to a peer banned mid-transfer), the write for the second peer's message carries the first peer's
 * bytes. Blame must follow the bytes, so the data worker asks here who really sent a buffer.
 */
final class BlockSenders implements IBufferedPieceRegistry {
    private final Map<Long, BufferedData> blocks = new ConcurrentHashMap<>();
    // BufferedData compares by identity; weak keys, because a buffer Bt discards unwritten is never asked about.
    private final Map<BufferedData, Peer> senders = Collections.synchronizedMap(new WeakHashMap<>());

    /** The registry one connection's decoder registers its blocks in. */
    IBufferedPieceRegistry from(Peer sender) {
        return new IBufferedPieceRegistry() {
            @Override
            public boolean addBufferedPiece(int pieceIndex, int offset, BufferedData buffer) {
                return add(pieceIndex, offset, buffer, sender);
            }

            @Override
            public BufferedData getBufferedPiece(int pieceIndex, int offset) {
                return BlockSenders.this.getBufferedPiece(pieceIndex, offset);
            }
        };
    }

    @Override
    public boolean addBufferedPiece(int pieceIndex, int offset, BufferedData buffer) {
        return add(pieceIndex, offset, buffer, null);
    }

    private boolean add(int pieceIndex, int offset, BufferedData buffer, Peer sender) {
        if (pieceIndex < 0) throw new IllegalArgumentException("negative piece index " + pieceIndex);
        if (sender != null) senders.put(buffer, sender); // before it can be taken
        if (blocks.putIfAbsent(key(pieceIndex, offset), buffer) == null) return true;
        senders.remove(buffer);
        return false;
    }

    @Override
    public BufferedData getBufferedPiece(int pieceIndex, int offset) {
        return blocks.remove(key(pieceIndex, offset));
    }

    /** Who sent the bytes in {@code buffer} (forgotten once asked); {@code messageFrom} if no decoder registered it. */
    Peer sender(BufferedData buffer, Peer messageFrom) {
        Peer s = senders.remove(buffer);
        return s != null ? s : messageFrom;
    }

    private static long key(int pieceIndex, int offset) {
        return ((long) pieceIndex << 32) | (offset & 0xFFFFFFFFL);
    }
}
