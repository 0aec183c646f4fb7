package a1.swarm.bt;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides whom to ban when a piece fails its hash. A piece's suppliers are remembered from its last good check
 * until its next one, across failed attempts: a block written late by a banned peer still counts against it.
 * A bad piece that an already banned peer helped supply is blamed on it alone; a peer that alone supplied a bad
 * piece is banned at once. When several peers share a bad piece, each loses {@value #FAIL_PENALTY} trust and gains
 * 1 per good piece, and falls to {@value #BAN_TRUST} before it is banned, so an honest peer that keeps delivering
 * good pieces is not banned for sharing a few with a liar.
 */
final class PieceBlame<P> {
    static final int FAIL_PENALTY = 2;
    static final int BAN_TRUST = -7;

    private final Map<Integer, Set<P>> suppliers = new HashMap<>();
    private final Map<P, Integer> trust = new HashMap<>();

    synchronized void contributed(int piece, P peer) {
        suppliers.computeIfAbsent(piece, k -> new HashSet<>()).add(peer);
    }

    synchronized void passed(int piece) {
        Set<P> peers = suppliers.remove(piece);
        if (peers != null) for (P p : peers) trust.merge(p, 1, Integer::sum);
    }

    /** The peers to ban now that {@code piece} failed its hash. */
    synchronized List<P> failed(int piece, Predicate<P> banned) {
        Set<P> peers = suppliers.get(piece);
        if (peers == null || peers.isEmpty() || peers.stream().anyMatch(banned)) return List.of();
        if (peers.size() == 1) return List.copyOf(peers);
        return peers.stream().filter(p -> trust.merge(p, -FAIL_PENALTY, Integer::sum) <= BAN_TRUST).toList();
    }
}
