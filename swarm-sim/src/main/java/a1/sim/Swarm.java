package a1.sim;

import a1.peer.gossip.GossipRound;
import a1.peer.gossip.GossipState;
import a1.peer.gossip.LayerAssignment;
import a1.peer.node.Rebalancer;
import a1.peer.routing.PeerInfo;
import a1.spec.gossip.Announcement;
import a1.spec.gossip.AnnouncementCodec;
import a1.spec.model.LayerRange;
import a1.spec.sign.SigningKey;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A swarm of serving peers and gossiping clients in virtual time. Each node holds a real {@link GossipState}; its
 * rounds are planned by the real {@link GossipRound}, its range chosen by {@link LayerAssignment#choose} and moved by
 * the real {@link Rebalancer}; announcements are real signed {@link Announcement}s. What is simulated: the network
 * (latency, a dead peer refusing connections), machines (speed, capacity), churn, and time.
 *
 * <p>Shortcuts keep 1,000 peers affordable; none changes an outcome. The announcement objects themselves travel (no
 * encoding and decoding; bytes are counted from the encoded size), and a node is not offered an announcement object
 * it was offered before (its state would refuse it as replayed, or as expired, invalid or out of range again). With
 * real signatures, each announcement is signed with the peer's Ed25519 key and verified once, the answer shared by
 * every node; without, the signature is left blank and the state's signature check accepts exactly the objects the
 * simulated peers made: the outcome of verifying honest peers' signatures, without its cost (measured apart).
 */
final class Swarm {
    static final long START = 1_800_000_000_000L;
    static final String MODEL = "sha256:" + "ab".repeat(32);
    static final int PORT = 7000;
    private static final byte[] BLANK_SIGNATURE = new byte[64];
    /** Wire overhead of a gossip frame: length, version, type, count; and of each announcement in it. */
    static final int FRAME_BYTES = 4 + 2 + 2, PER_ANNOUNCEMENT_BYTES = 2;

    final SimParams p;
    private final boolean realSignatures;
    final EventQueue queue = new EventQueue(START);
    final SplittableRandom random;
    final List<Node> nodes = new ArrayList<>();
    final List<Node> clients = new ArrayList<>();
    final Metrics metrics = new Metrics();
    private final Map<InetSocketAddress, Node> book = new HashMap<>();
    private final Map<String, Node> ids = new HashMap<>();
    private final Map<Announcement, Node> owners = new IdentityHashMap<>();
    private final Set<Announcement> verified = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Node, List<Announcement>> recent = new HashMap<>();

    Swarm(SimParams p, boolean realSignatures) {
        this.p = p;
        this.realSignatures = realSignatures;
        this.random = new SplittableRandom(p.seed());
    }

    long ttl() {
        return p.gossipMillis() * 5;
    }

    /** Cold start: the first peer at once, the others within two seconds, each bootstrapping off a random earlier one. */
    void coldStart() {
        for (int i = 0; i < p.peers(); i++) queue.at(START + (i == 0 ? 0 : 1 + random.nextLong(2_000)), this::join);
    }

    void addClients(int n, long at) {
        for (int i = 0; i < n; i++) {
            queue.at(at, () -> {
                Node c = newNode(false);
                c.alive = true;
                Node boot = randomServing();
                if (boot != null) c.seeds.add(boot.address);
                clients.add(c);
                gossipLoop(c);
            });
        }
    }

    Node randomServing() {
        List<Node> live = nodes.stream().filter(n -> n.alive && n.serving).toList();
        return live.isEmpty() ? null : live.get(random.nextInt(live.size()));
    }

    private Node newNode(boolean peer) {
        int index = nodes.size() + clients.size();
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        SigningKey key = SigningKey.fromSeed(seed);
        String id = java.util.HexFormat.of().formatHex(a1.spec.wire.Handshake.peerId(key.publicKey()));
        InetSocketAddress address = new InetSocketAddress(java.net.InetAddress.ofLiteral("10." + (index >> 16 & 255) + "." + (index >> 8 & 255) + "." + (index & 255)), PORT);
        // A client keeps announcements as long as SwarmClient does; a peer twice their lifetime, as PeerNode does.
        GossipState state = new GossipState(MODEL, p.layers(), peer ? ttl() * 2 : 60_000, queue::now, this::signatureValid);
        double latency = Math.exp(Math.log(15) + 0.6 * random.nextGaussian());
        double secondsPerLayer = Math.exp(Math.log(0.004) + 0.5 * random.nextGaussian());
        int capacity = p.minCapacity() + random.nextInt(p.maxCapacity() - p.minCapacity() + 1);
        Node n = new Node(index, key, id, address, state, random.split(), latency, secondsPerLayer, capacity);
        book.put(address, n);
        ids.put(id, n);
        return n;
    }

    private boolean signatureValid(Announcement a) {
        if (!realSignatures) return owners.containsKey(a);
        if (verified.contains(a)) return true;
        long t0 = System.nanoTime();
        boolean ok = a.signatureValid();
        metrics.verifyNanos += System.nanoTime() - t0;
        metrics.verifies++;
        if (ok) verified.add(a);
        return ok;
    }

    /** A new serving peer: learns the swarm from one bootstrap peer (one round, as PeerNode.chooseRange), then serves. */
    void join() {
        Node n = newNode(true);
        nodes.add(n);
        n.alive = true;
        n.joinedAt = queue.now();
        Node boot = randomServing();
        if (boot == null) {
            serve(n);
        } else {
            n.seeds.add(boot.address);
            round(n);
            queue.after(rtt(n, boot) + 1, () -> {
                if (n.alive) serve(n);
            });
        }
        if (p.medianSession() > 0) queue.after(sessionMillis(), () -> leave(n));
    }

    /** Log-normal with the given median and sigma 1.5: many short sessions and a heavy tail of long ones. */
    private long sessionMillis() {
        return (long) (1000 * p.medianSession() * Math.exp(1.5 * random.nextGaussian()));
    }

    private void serve(Node n) {
        n.range = LayerAssignment.choose(LayerAssignment.perLayer(n.state.peers(), p.layers()), n.capacity);
        n.serving = true;
        n.rebalancer = new Rebalancer(p.settleMillis() * 1_000_000, n.random.split(), queue.now() * 1_000_000);
        gossipLoop(n);
        queue.after(p.settleMillis(), () -> rebalanceLoop(n));
    }

    /** The peer's process ends (its connections are refused from now on); another joins a few seconds later. */
    void leave(Node n) {
        if (!n.alive) return;
        n.alive = false;
        metrics.peerMillis += queue.now() - n.joinedAt;
        queue.after(1 + random.nextLong(10_000), this::join);
    }

    private void gossipLoop(Node n) {
        if (!n.alive) return;
        round(n);
        queue.after(p.gossipMillis(), () -> gossipLoop(n));
    }

    private void rebalanceLoop(Node n) {
        if (!n.alive) return;
        try {
            n.rebalancer.check(queue.now() * 1_000_000, n.state.peers(), n.id, p.layers(), n.capacity, p.threshold()).ifPresent(r -> {
                n.range = r;
                n.rebalancer.moved(queue.now() * 1_000_000);
                metrics.moves++;
                round(n); // as PeerNode.moveTo: announce the new range at once
            });
        } catch (IllegalArgumentException e) {
            // not in its own view yet (PeerNode logs and tries again next period)
        }
        queue.after(p.gossipMillis(), () -> rebalanceLoop(n));
    }

    /**
     * This node's announcement: signed anew when its range or load changed or it is past half its lifetime, else
     * the same one again. (PeerNode signs a new one every round; each new one costs every other node an accept, and
     * with real keys an Ed25519 verification, so this rule, which signs about every 2.5 rounds, cuts the simulator's dominant cost at 1,000 peers.
     * It changes what peers know by at most half a lifetime's age of the expiry time.)
     */
    private void announce(Node n) {
        Announcement c = n.current;
        if (c != null && c.layers().equals(n.range) && c.load() == n.sessions && c.expiresAtMillis() - queue.now() > ttl() / 2) return;
        long now = queue.now();
        n.sequence = Math.max(n.sequence + 1, now);
        long t0 = System.nanoTime();
        Announcement a = Announcement.sign(n.key.publicKey(), n.address.getAddress().getHostAddress(), PORT, MODEL, n.range,
                n.throughput(), n.sessions, n.sequence, now + ttl(), realSignatures ? n.key::sign : m -> BLANK_SIGNATURE);
        if (realSignatures) {
            metrics.signNanos += System.nanoTime() - t0;
            metrics.signs++;
        }
        n.current = a;
        owners.put(a, n);
        List<Announcement> mine = recent.computeIfAbsent(n, k -> new ArrayList<>());
        mine.add(a);
        if (mine.size() > 8) { // long expired: a straggler copy is refused (or, with real signatures, verified again)
            Announcement old = mine.removeFirst();
            owners.remove(old);
            verified.remove(old);
        }
        metrics.announcementBytes = AnnouncementCodec.encode(a).length;
    }

    /** One gossip round of node {@code n}, planned by the real {@link GossipRound}. */
    private void round(Node n) {
        if (n.serving) {
            announce(n);
            n.state.offer(n.current);
        }
        GossipRound plan = GossipRound.plan(n.state, n.serving ? n.id : null, n.seeds, p.fanout(), n.random);
        for (InetSocketAddress t : plan.targets()) exchange(n, plan, t);
    }

    private void exchange(Node a, GossipRound plan, InetSocketAddress target) {
        Node b = book.get(target);
        List<Announcement> out = payload(a);
        send(a, out);
        long half = Math.round(a.latencyMillis + b.latencyMillis);
        queue.after(half, () -> {
            if (!b.alive) {
                queue.after(half, () -> plan.failed(a.state, target));
                return;
            }
            deliver(b, out);
            if (b.serving) b.state.offer(b.current); // GossipService.answer offers its own announcement first
            List<Announcement> back = payload(b);
            send(b, back);
            queue.after(half, () -> {
                if (a.alive) deliver(a, back);
            });
        });
    }

    /** What {@code n} puts in a gossip message, chosen by the real {@link GossipRound#payload}. */
    private List<Announcement> payload(Node n) {
        List<Announcement> live = n.state.live();
        if (live.size() > p.sample()) metrics.capped++;
        return GossipRound.payload(live, n.serving ? n.current : null, n.random, p.sample());
    }

    private void send(Node from, List<Announcement> list) {
        if (from.serving) {
            metrics.messages++;
            metrics.bytes += FRAME_BYTES + (long) list.size() * (PER_ANNOUNCEMENT_BYTES + metrics.announcementBytes);
        }
    }

    private void deliver(Node to, List<Announcement> list) {
        for (Announcement a : list) {
            Node owner = owners.get(a);
            if (owner == null || to.firstOffer(owner.index, a)) to.state.offer(a);
        }
    }

    long rtt(Node a, Node b) {
        return Math.round(2 * (a.latencyMillis + b.latencyMillis));
    }

    Node byId(String id) {
        return ids.get(id);
    }

    /** The truth: whether every layer is served by some live peer, and the swarm's bottleneck throughput. */
    boolean covered() {
        int[] diff = new int[p.layers() + 1];
        for (Node n : nodes) {
            if (!n.alive || !n.serving) continue;
            diff[n.range.start()]++;
            diff[n.range.end()]--;
        }
        int c = 0;
        for (int l = 0; l < p.layers(); l++) {
            c += diff[l];
            if (c <= 0) return false;
        }
        return true;
    }

    double bottleneck() {
        List<PeerInfo> live = new ArrayList<>();
        for (Node n : nodes) if (n.alive && n.serving) live.add(new PeerInfo(n.id, n.address, n.range, n.throughput(), n.sessions));
        return LayerAssignment.bottleneck(LayerAssignment.perLayer(live, p.layers()));
    }
}
