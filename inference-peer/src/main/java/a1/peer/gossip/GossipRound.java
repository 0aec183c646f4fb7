package a1.peer.gossip;

import a1.peer.routing.PeerInfo;
import a1.spec.gossip.Announcement;
import a1.spec.gossip.AnnouncementCodec;
import a1.spec.wire.Message;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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
    /** Most announcements one gossip message carries: the wire's limit. */
    public static final int MAX_PER_MESSAGE = Message.Gossip.MAX_ANNOUNCEMENTS;

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
     * What a gossip message from node {@code self} (null if it does not serve) carries: every live announcement
     * while they fit in one message; in a larger swarm its own and a random sample of the others, a new sample each
     * message, so every announcement still spreads (the wire refuses to build a message over the limit, which left
     * a swarm of more than {@value #MAX_PER_MESSAGE} peers unable to gossip at all).
     */
    public static List<Announcement> payload(List<Announcement> live, String self, RandomGenerator random) {
        return payload(live, self, random, MAX_PER_MESSAGE);
    }

    /**
     * A whole gossip message: the announcements' {@link #payload} and the accusations heard, which may take at most a
     * quarter of the message so that announcements always spread.
     */
    public static List<byte[]> message(List<Announcement> live, List<byte[]> accusations, String self, RandomGenerator random) {
        int accused = Math.min(accusations.size(), MAX_PER_MESSAGE / 4);
        List<byte[]> out = new ArrayList<>(payload(live, self, random, MAX_PER_MESSAGE - accused).stream().map(AnnouncementCodec::encode).toList());
        out.addAll(accusations.subList(0, accused));
        return out;
    }

    private static List<Announcement> payload(List<Announcement> live, String self, RandomGenerator random, int max) {
        if (live.size() <= max) return live;
        List<Announcement> out = new ArrayList<>(max);
        List<Announcement> others = new ArrayList<>(live.size());
        for (Announcement a : live) {
            if (self != null && out.isEmpty() && a.peerId().equals(self)) out.add(a);
            else others.add(a);
        }
        for (int i = 0; out.size() < max; i++) {
            int j = i + random.nextInt(others.size() - i);
            Announcement picked = others.get(j);
            others.set(j, others.get(i));
            out.add(picked);
        }
        return out;
    }

    /** The exchange with {@code target} failed: the peers known there leave {@code state} until they announce again. */
    public void failed(GossipState state, InetSocketAddress target) {
        for (PeerInfo p : known) if (p.address().equals(target)) state.unreachable(p.id());
    }
}
