package a1.peer.gossip;

import a1.peer.routing.PeerInfo;
import a1.spec.gossip.Announcement;
import a1.spec.gossip.AnnouncementCodec;
import a1.spec.wire.Message;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Whom one gossip round talks to, and what an exchange that failed means. Free of transport and timers, so the
 * service and the scale simulator run the same rule.
 *
 * @param targets up to {@code fanout} random seeds that are not known peers, then up to {@code fanout} random known
 *                peers not already among them
 * @param known   the peers known at the start of the round (this node excluded)
 */
public record GossipRound(List<InetSocketAddress> targets, List<PeerInfo> known) {
    /** Random peers a round pushes to and pulls from, besides the seeds. */
    public static final int FANOUT = 3;
    /** Most entries one gossip message carries: the wire's limit. */
    public static final int MAX_PER_MESSAGE = Message.Gossip.MAX_ANNOUNCEMENTS;
    /** Most announcements a gossip message carries (see {@link #payload}). */
    public static final int SAMPLE = 64;

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
        // Seeds that turned out to be known peers are reached as such; the others (bootstrap addresses, peers the DHT
        // named but gossip has not yet) are sampled too, so a round's cost stays O(fanout) however many the DHT names.
        Set<InetSocketAddress> knownAt = new HashSet<>();
        for (PeerInfo p : known) knownAt.add(p.address());
        List<InetSocketAddress> unknownSeeds = new ArrayList<>(seeds.stream().filter(a -> !knownAt.contains(a)).distinct().toList());
        int seedPicks = Math.min(fanout, unknownSeeds.size());
        for (int i = 0; i < seedPicks; i++) Collections.swap(unknownSeeds, i, i + random.nextInt(unknownSeeds.size() - i));
        List<InetSocketAddress> targets = new ArrayList<>(unknownSeeds.subList(0, seedPicks));
        for (PeerInfo p : known.subList(0, picks)) if (!targets.contains(p.address())) targets.add(p.address());
        return new GossipRound(targets, known);
    }

    /**
     * What a gossip message of a node whose own announcement is {@code mine} (null if it does not serve) carries:
     * every live announcement while there are at most {@value #SAMPLE}; in a larger swarm its own and a uniform random
     * sample of the others, {@value #SAMPLE} in all, drawn anew for each message. A message's size so stays constant
     * however large the swarm, and each node's view is a random part of the swarm, renewed as announcements expire.
     * (Messages of the whole view made a peer's gossip grow linearly with the swarm, about 50 MB a minute per peer at
     * 1,000 peers; docs/SCALE.md measures both, and what the partial views change for chains and placement.)
     */
    public static List<Announcement> payload(List<Announcement> live, Announcement mine, RandomGenerator random) {
        return payload(live, mine, random, SAMPLE);
    }

    /**
     * A whole gossip message: the announcements' {@link #payload} and the accusations heard, which may take at most a
     * quarter of the message so that announcements always spread.
     */
    public static List<byte[]> message(List<Announcement> live, List<byte[]> accusations, Announcement mine, RandomGenerator random) {
        int accused = Math.min(accusations.size(), MAX_PER_MESSAGE / 4);
        List<byte[]> out = new ArrayList<>(payload(live, mine, random, Math.min(SAMPLE, MAX_PER_MESSAGE - accused)).stream().map(AnnouncementCodec::encode).toList());
        out.addAll(accusations.subList(0, accused));
        return out;
    }

    /** {@link #payload} with another cap {@code max}, 1..{@value #MAX_PER_MESSAGE} (the simulator varies it). */
    public static List<Announcement> payload(List<Announcement> live, Announcement mine, RandomGenerator random, int max) {
        if (max < 1 || max > MAX_PER_MESSAGE) throw new IllegalArgumentException("a gossip message carries 1.." + MAX_PER_MESSAGE + " announcements, not " + max);
        if (live.size() <= max) return live;
        List<Announcement> out = new ArrayList<>(max);
        if (mine != null) out.add(mine);
        // Floyd's sampling of one index more than needed, O(max) whatever the view's size: the view is not copied, and
        // own announcement is compared as a record, not by peer id (a SHA-256 of the key). Dropping it, or else a
        // random pick, leaves a uniform sample of the others.
        int want = max - out.size();
        Set<Integer> picks = new LinkedHashSet<>();
        for (int j = live.size() - want - 1; j < live.size(); j++) {
            int t = random.nextInt(j + 1);
            picks.add(picks.contains(t) ? j : t);
        }
        List<Integer> chosen = new ArrayList<>(picks);
        int mineAt = -1;
        for (int i = 0; i < chosen.size() && mine != null; i++) if (live.get(chosen.get(i)).equals(mine)) mineAt = i;
        chosen.remove(mineAt >= 0 ? mineAt : random.nextInt(chosen.size()));
        for (int i : chosen) out.add(live.get(i));
        return out;
    }

    /** The exchange with {@code target} failed: the peers known there leave {@code state} until they announce again. */
    public void failed(GossipState state, InetSocketAddress target) {
        for (PeerInfo p : known) if (p.address().equals(target)) state.unreachable(p.id());
    }
}
