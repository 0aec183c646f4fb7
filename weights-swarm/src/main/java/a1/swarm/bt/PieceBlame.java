package a1.swarm.bt;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whom to ban when a piece fails its hash. A peer that alone supplied a bad piece is banned at once; when
 * several peers supplied blocks of a bad piece each gets a strike, and {@value #STRIKES} strikes ban. Honest peers
 * rarely share two bad pieces once the liar that sent them is banned on its first solo piece.
 */
final class PieceBlame<P> {
    static final int STRIKES = 2;

    private final Map<Integer, Set<P>> contributors = new HashMap<>();
    private final Map<P, Integer> strikes = new HashMap<>();

    synchronized void contributed(int piece, P peer) {
        contributors.computeIfAbsent(piece, k -> new HashSet<>()).add(peer);
    }

    synchronized void passed(int piece) {
        contributors.remove(piece);
    }

    /** The peers to ban now that {@code piece} failed its hash. */
    synchronized List<P> failed(int piece) {
        Set<P> peers = contributors.remove(piece);
        if (peers == null || peers.isEmpty()) return List.of();
        if (peers.size() == 1) return List.copyOf(peers);
        return peers.stream().filter(p -> strikes.merge(p, 1, Integer::sum) >= STRIKES).toList();
    }
}
