package a1.swarm.bt;

import bt.data.ChunkDescriptor;
import bt.data.ChunkVerifier;
import bt.data.LocalBitfield;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * Bt re-hashes all data when a torrent starts. Pieces that lie wholly inside shards A1 already verified (SHA-256,
 * recorded after fsync) are marked verified without reading them, so a restart costs only the unverified rest.
 * Pieces downloaded during the session are always hashed.
 */
final class TrustedChunkVerifier implements ChunkVerifier {
    private final ChunkVerifier delegate;
    private final BitSet trusted;

    TrustedChunkVerifier(ChunkVerifier delegate, BitSet trusted) {
        this.delegate = delegate;
        this.trusted = trusted;
    }

    @Override
    public boolean verify(List<ChunkDescriptor> chunks, LocalBitfield bitfield) {
        IntStream.range(0, chunks.size()).parallel()
                .filter(i -> trusted.get(i) || (present(chunks.get(i)) && delegate.verifyIfPresent(chunks.get(i))))
                .forEach(bitfield::markLocalPieceVerified);
        return bitfield.getPiecesRemaining() == 0;
    }

    /** All the bytes of the piece exist on disk (a short or absent file cannot hold a verified piece). */
    private static boolean present(ChunkDescriptor chunk) {
        AtomicBoolean all = new AtomicBoolean(true);
        chunk.getData().visitUnits((unit, off, lim) -> {
            if (unit.size() < lim) all.set(false);
            return all.get();
        });
        return all.get();
    }

    @Override
    public boolean verify(ChunkDescriptor chunk) {
        return delegate.verify(chunk);
    }

    @Override
    public boolean verifyIfPresent(ChunkDescriptor chunk) {
        return delegate.verifyIfPresent(chunk);
    }
}
