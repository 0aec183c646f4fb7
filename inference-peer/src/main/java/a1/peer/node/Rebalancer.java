package a1.peer.node;

import a1.peer.gossip.LayerAssignment;
import a1.peer.routing.PeerInfo;
import a1.spec.model.LayerRange;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a self-placing peer moves: not within {@code settleNanos} of joining or moving, and only once
 * {@link LayerAssignment#rebalance} has wanted the same target for a random 1-{@value #MAX_PATIENCE} checks in a row,
 * so peers that see the same gap at once do not all jump into it (the first to move announces it before the others
 * decide). Free of timers, so the peer and the scale simulator run the same rule. {@link #check} has one caller
 * thread; {@link #moved} may come from another.
 */
public final class Rebalancer {
    static final int MAX_PATIENCE = 4;

    private final long settleNanos;
    private final RandomGenerator random;
    private volatile long settledAt;
    private LayerRange wanted;
    private int patience;

    public Rebalancer(long settleNanos, RandomGenerator random, long nowNanos) {
        this.settleNanos = settleNanos;
        this.random = random;
        this.settledAt = nowNanos;
    }

    /** One periodic check; a present result means move there now (then call {@link #moved}). */
    public Optional<LayerRange> check(long nowNanos, List<PeerInfo> peers, String self, int layers, int capacity, double threshold) {
        if (nowNanos - settledAt < settleNanos) return Optional.empty();
        Optional<LayerRange> target = LayerAssignment.rebalance(peers, self, layers, capacity, threshold);
        if (target.isEmpty() || !target.get().equals(wanted)) {
            wanted = target.orElse(null);
            patience = 1 + random.nextInt(MAX_PATIENCE);
            return Optional.empty();
        }
        if (--patience > 0) return Optional.empty();
        wanted = null;
        return target;
    }

    /** The peer now serves a new range: it waits the settle time again before it considers moving. */
    public void moved(long nowNanos) {
        settledAt = nowNanos;
    }
}
