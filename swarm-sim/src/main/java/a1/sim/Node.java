package a1.sim;

import a1.peer.gossip.GossipState;
import a1.peer.node.Rebalancer;
import a1.spec.gossip.Announcement;
import a1.spec.model.LayerRange;
import a1.spec.sign.SigningKey;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** One simulated participant: a serving peer, or a client that only gossips to learn the swarm. */
final class Node {
    final int index;
    final SigningKey key;
    final String id;
    final InetSocketAddress address;
    final GossipState state;
    final List<InetSocketAddress> seeds = new ArrayList<>();
    final SplittableRandom random;
    /** One-way latency to the network core, ms; a link's latency is the sum of its two ends'. */
    final double latencyMillis;
    /** Seconds this peer takes to run one layer for one token. */
    final double secondsPerLayer;
    final int capacity;
    Rebalancer rebalancer;
    boolean alive;
    boolean serving;
    LayerRange range;
    int sessions;
    long joinedAt;
    long sequence;
    Announcement current;
    /** Per announcing peer, the announcement object last offered to this node (the simulator's dedup, see Swarm). */
    private Announcement[] offered = new Announcement[64];

    Node(int index, SigningKey key, String id, InetSocketAddress address, GossipState state, SplittableRandom random,
         double latencyMillis, double secondsPerLayer, int capacity) {
        this.index = index;
        this.key = key;
        this.id = id;
        this.address = address;
        this.state = state;
        this.random = random;
        this.latencyMillis = latencyMillis;
        this.secondsPerLayer = secondsPerLayer;
        this.capacity = capacity;
    }

    /** True when {@code a} (announced by node {@code owner}) was not offered to this node before; records it. */
    boolean firstOffer(int owner, Announcement a) {
        if (owner >= offered.length) offered = Arrays.copyOf(offered, Math.max(owner + 1, offered.length * 2));
        if (offered[owner] == a) return false;
        offered[owner] = a;
        return true;
    }

    /** Tokens per second this peer announces for its range, as PeerNode computes it (Throughput.tokensPerSecond). */
    float throughput() {
        return (float) (1.0 / (secondsPerLayer * range.size()));
    }
}
