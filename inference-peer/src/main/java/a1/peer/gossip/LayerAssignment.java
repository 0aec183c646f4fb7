package a1.peer.gossip;

import a1.peer.routing.PeerInfo;
import a1.spec.model.LayerRange;
import java.util.List;
import java.util.Optional;

/**
 * Which layers a peer should serve, after Petals' load balancing. Each layer's throughput is the sum of the
 * throughputs of the peers serving it (a token passes all of a peer's layers at the peer's rate); the swarm runs as
 * fast as its slowest layer. A joining peer takes the window of its capacity whose weakest layer is weakest (then
 * whose total is lowest, then the first), which covers uncovered layers first. A serving peer moves only when that
 * leaves no layer of its old range uncovered and either covers layers nobody serves or, with every layer covered,
 * raises the swarm's bottleneck by more than a threshold.
 */
public final class LayerAssignment {
    private LayerAssignment() {}

    /** Per-layer total throughput of {@code peers} over a model of {@code layers} layers. */
    public static double[] perLayer(List<PeerInfo> peers, int layers) {
        double[] t = new double[layers];
        for (PeerInfo p : peers) for (int l = p.range().start(); l < Math.min(p.range().end(), layers); l++) t[l] += p.throughput();
        return t;
    }

    /** The window of {@code capacity} layers a new peer should take, given the others' per-layer throughput. */
    public static LayerRange choose(double[] others, int capacity) {
        int size = Math.min(capacity, others.length);
        LayerRange best = null;
        double bestMin = Double.POSITIVE_INFINITY, bestSum = Double.POSITIVE_INFINITY;
        for (int s = 0; s + size <= others.length; s++) {
            double min = Double.POSITIVE_INFINITY, sum = 0;
            for (int l = s; l < s + size; l++) {
                min = Math.min(min, others[l]);
                sum += others[l];
            }
            if (min < bestMin || (min == bestMin && sum < bestSum)) {
                best = new LayerRange(s, s + size);
                bestMin = min;
                bestSum = sum;
            }
        }
        return best;
    }

    /** The bottleneck: the lowest per-layer throughput. */
    public static double bottleneck(double[] t) {
        double min = Double.POSITIVE_INFINITY;
        for (double x : t) min = Math.min(min, x);
        return min;
    }

    /**
     * Where peer {@code self} (one of {@code peers}) should move, if anywhere: the window {@link #choose} gives
     * without it, when every layer it stops serving stays covered by the others and the move leaves fewer layers
     * uncovered or, with none uncovered, lifts the bottleneck by more than the factor {@code threshold} (say 1.2).
     * Fewer gaps come first: while any layer is uncovered the bottleneck is zero, and no single move of peers that
     * started together on the same window (three peers of two layers each on a five-layer model) could lift it.
     */
    public static Optional<LayerRange> rebalance(List<PeerInfo> peers, String self, int layers, int capacity, double threshold) {
        PeerInfo me = peers.stream().filter(p -> p.id().equals(self)).findFirst().orElseThrow(() -> new IllegalArgumentException("peer " + self + " is not in the list"));
        List<PeerInfo> others = peers.stream().filter(p -> !p.id().equals(self)).toList();
        double[] without = perLayer(others, layers);
        LayerRange target = choose(without, capacity);
        if (target.equals(me.range())) return Optional.empty();
        for (int l = me.range().start(); l < me.range().end(); l++) if (!target.contains(l) && without[l] <= 0) return Optional.empty();
        double perLayerRate = me.throughput() * me.range().size() / target.size(); // a shorter range runs faster per token
        double[] after = without.clone();
        for (int l = target.start(); l < target.end(); l++) after[l] += perLayerRate;
        double[] current = perLayer(peers, layers);
        int gapsNow = uncovered(current), gapsNext = uncovered(after);
        boolean better = gapsNext != gapsNow ? gapsNext < gapsNow : gapsNow == 0 && bottleneck(after) > bottleneck(current) * threshold;
        return better ? Optional.of(target) : Optional.empty();
    }

    /** How many layers nobody serves. */
    static int uncovered(double[] t) {
        int n = 0;
        for (double x : t) if (x <= 0) n++;
        return n;
    }
}
