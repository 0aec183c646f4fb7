package a1.peer.routing;

import a1.spec.model.LayerRange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Picks the chain of peers that covers layers {@code [from, to)} at the lowest estimated cost per token: a shortest
 * path over layer boundaries (as Petals routes), where a hop from boundary {@code p} through a peer ends at its
 * range's end (or at {@code to}) and costs a fixed relay latency plus its layers' share of the peer's time per token,
 * scaled up by its load. Fast, lightly loaded peers and fewer hops win. A peer that others accuse of wrong
 * activations costs {@code 1 + accusers} times as much (at most {@value #MAX_DISTRUST} + 1): accusations are cheap to
 * forge under fresh identities, so they down-rank a peer but never exclude it.
 */
public final class ChainPlanner {
    /** A chain link: {@code peer} runs {@code layers}, part of its range. */
    public record Hop(PeerInfo peer, LayerRange layers) {}

    /** Assumed per-hop relay cost, in seconds, and time per layer for peers that report no throughput. */
    static final double HOP_SECONDS = 1e-3;
    static final double UNKNOWN_LAYER_SECONDS = 1e-2;
    static final int MAX_DISTRUST = 3;

    private ChainPlanner() {}

    /**
     * The cheapest chain for {@code [from, to)} avoiding {@code excluded} peer ids, with {@code accusers} giving how
     * many others accuse a peer; empty if some layer has no peer.
     */
    public static List<Hop> plan(List<PeerInfo> peers, int from, int to, Set<String> excluded, ToIntFunction<String> accusers) {
        int n = to - from;
        double[] cost = new double[n + 1];
        Hop[] via = new Hop[n + 1];
        java.util.Arrays.fill(cost, Double.POSITIVE_INFINITY);
        cost[0] = 0;
        // Boundaries only move forward, so one pass in order settles each before it is extended (a DAG).
        for (int b = 0; b < n; b++) {
            if (cost[b] == Double.POSITIVE_INFINITY) continue;
            int p = from + b;
            for (PeerInfo peer : peers) {
                if (excluded.contains(peer.id()) || !peer.range().contains(p)) continue;
                int end = Math.min(peer.range().end(), to);
                double distrust = 1 + Math.min(MAX_DISTRUST, accusers.applyAsInt(peer.id()));
                double c = cost[b] + (HOP_SECONDS + layerSeconds(peer) * (end - p) * (1 + peer.load())) * distrust;
                int e = end - from;
                if (c < cost[e]) {
                    cost[e] = c;
                    via[e] = new Hop(peer, new LayerRange(p, end));
                }
            }
        }
        if (via[n] == null) return List.of();
        List<Hop> chain = new ArrayList<>();
        for (int e = n; e > 0; e = via[e].layers().start() - from) chain.add(via[e]);
        Collections.reverse(chain);
        return chain;
    }

    private static double layerSeconds(PeerInfo p) {
        return p.throughput() > 0 ? 1.0 / (p.throughput() * p.range().size()) : UNKNOWN_LAYER_SECONDS;
    }
}
