package a1.peer.gossip;

import a1.peer.routing.PeerInfo;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Whom one gossip round talks to, and what an exchange that failed means. Free of transport and timers, so the
 * service and the scale simulator run the same rule.
 *
 * @param targets every seed address, then up to {@code fanout} random known peers not already among them
 * @param known   the peers known at the start of the round (this node excluded)
 */
public record GossipRound(List<InetSocketAddress> targets, List<PeerInfo> known) {
    /** Random peers a round pushes to and pulls from, besides the seeds. */
    public static final int FANOUT = 3;

    public GossipRound {
        targets = List.copyOf(targets);
        known = List.copyOf(known);
    }

    /** Plans a round of node {@code self} (null for a node that does not serve) over {@code state}. */
    public static GossipRound plan(GossipState state, String self, List<InetSocketAddress> seeds, int fanout, RandomGenerator random) {
        List<PeerInfo> known = new ArrayList<>(state.peers().stream().filter(p -> !p.id().equals(self)).toList());
        // A partial Fisher-Yates shuffle: the first picks are uniform without replacement, at O(fanout) cost.
        int picks = Math.min(fanout, known.size());
        for (int i = 0; i < picks; i++) {
            int j = i + random.nextInt(known.size() - i);
            PeerInfo t = known.get(i);
            known.set(i, known.get(j));
            known.set(j, t);
        }
        List<InetSocketAddress> targets = new ArrayList<>(seeds);
        for (PeerInfo p : known.subList(0, picks)) if (!targets.contains(p.address())) targets.add(p.address());
        return new GossipRound(targets, known);
    }

    /** The exchange with {@code target} failed: the peers known there leave {@code state} until they announce again. */
    public void failed(GossipState state, InetSocketAddress target) {
        for (PeerInfo p : known) if (p.address().equals(target)) state.unreachable(p.id());
    }
}
