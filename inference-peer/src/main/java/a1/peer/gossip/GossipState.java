package a1.peer.gossip;

import a1.peer.routing.PeerDirectory;
import a1.peer.routing.PeerInfo;
import a1.spec.gossip.Accusation;
import a1.spec.gossip.AccusationCodec;
import a1.spec.gossip.Announcement;
import a1.spec.gossip.AnnouncementCodec;
import a1.spec.gossip.GossipException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The latest valid announcement of each peer serving one model. An announcement is accepted only if it is well
 * formed, its signature verifies against the key it carries, it is for this model and within its layers, it has
 * not expired and does not claim to live longer than {@code maxTtlMillis}, and its sequence number is above the one
 * already held for that peer (so an old announcement replayed later changes nothing). The replay check comes before
 * the signature check: most of what gossip brings is copies of announcements already held, and refusing those costs
 * a hash lookup instead of an Ed25519 verification. It also keeps the {@link Accusation}s heard for the model, which
 * travel in the same gossip messages. Thread-safe.
 */
public final class GossipState implements PeerDirectory {
    /** Why an announcement was or was not taken. */
    public enum Verdict { ACCEPTED, MALFORMED, FORGED, WRONG_MODEL, OUT_OF_RANGE, EXPIRED, REPLAYED }

    private final String modelId;
    private final int layers;
    private final long maxTtlMillis;
    private final LongSupplier clock;
    private final Predicate<Announcement> signatureCheck;
    /** The held announcement of each peer, with what a directory shows of it (built once, when accepted). */
    private record Held(Announcement announcement, PeerInfo info) {}
    private final Map<String, Held> byPeer = new HashMap<>();
    /** The ids of held peers by public key: hashing the key of every copy gossip brings would cost more than the rest. */
    private final Map<ByteBuffer, String> ids = new HashMap<>();
    /** Announcements of peers found unreachable: copies still in flight must not bring them back. */
    private final Map<String, Announcement> unreachable = new HashMap<>();
    private final Accusations accusations;

    public GossipState(String modelId, int layers, long maxTtlMillis, LongSupplier clockMillis) {
        this(modelId, layers, maxTtlMillis, clockMillis, Announcement::signatureValid);
    }

    /**
     * With another {@code signatureCheck} than {@link Announcement#signatureValid}: for the scale simulator, which
     * verifies each distinct announcement once and shares the answer among its thousands of simulated peers.
     */
    public GossipState(String modelId, int layers, long maxTtlMillis, LongSupplier clockMillis, Predicate<Announcement> signatureCheck) {
        this.signatureCheck = signatureCheck;
        this.modelId = modelId;
        this.layers = layers;
        this.maxTtlMillis = maxTtlMillis;
        this.clock = clockMillis;
        this.accusations = new Accusations(modelId, layers, clockMillis);
    }

    public String modelId() {
        return modelId;
    }

    public int layers() {
        return layers;
    }

    /** Takes one GOSSIP entry: an announcement or an accusation. */
    public Verdict offer(byte[] encoded) {
        try {
            if (AccusationCodec.isAccusation(encoded)) return accusations.offer(AccusationCodec.decode(encoded));
            return offer(AnnouncementCodec.decode(encoded));
        } catch (GossipException e) {
            return Verdict.MALFORMED;
        }
    }

    public synchronized Verdict offer(Announcement a) {
        ByteBuffer key = ByteBuffer.wrap(a.publicKey());
        String id = ids.get(key);
        if (id == null) id = a.peerId();
        Held held = byPeer.get(id);
        Announcement old = held != null ? held.announcement() : unreachable.get(id);
        if (old != null && old.sequence() >= a.sequence()) return Verdict.REPLAYED;
        if (!signatureCheck.test(a)) return Verdict.FORGED;
        InetSocketAddress address = address(a);
        if (address == null) return Verdict.MALFORMED;
        if (!a.modelId().equals(modelId)) return Verdict.WRONG_MODEL;
        if (!a.layers().within(layers)) return Verdict.OUT_OF_RANGE;
        long now = clock.getAsLong();
        if (a.expiresAtMillis() <= now || a.expiresAtMillis() > now + maxTtlMillis) return Verdict.EXPIRED;
        unreachable.remove(id);
        ids.put(key, id);
        byPeer.put(id, new Held(a, new PeerInfo(id, address, a.layers(), a.throughput(), a.load())));
        return Verdict.ACCEPTED;
    }

    /**
     * Drops {@code peerId} because this node could not reach it, so a dead peer leaves the view at once instead of
     * when its announcement expires. Only a newer announcement (the peer is alive and said so since) brings it back.
     */
    public synchronized void unreachable(String peerId) {
        Held h = byPeer.remove(peerId);
        if (h != null) unreachable.put(peerId, h.announcement());
    }

    /** The live announcements (expired ones are dropped). */
    public synchronized List<Announcement> live() {
        return expireAndList().stream().map(Held::announcement).toList();
    }

    private List<Held> expireAndList() {
        long now = clock.getAsLong();
        // A peer is held or unreachable, never both, so its key leaves the id index with it: scanning the index for
        // orphans on every call cost more than the rest of gossip in a churning swarm.
        byPeer.values().removeIf(h -> h.announcement().expiresAtMillis() <= now && forgetKey(h.announcement()));
        unreachable.values().removeIf(a -> a.expiresAtMillis() <= now && forgetKey(a));
        return List.copyOf(byPeer.values());
    }

    /** Removes {@code gone}'s key from the id index; true, for removeIf. */
    private boolean forgetKey(Announcement gone) {
        ids.remove(ByteBuffer.wrap(gone.publicKey()));
        return true;
    }

    /** The live accusations, encoded, for gossip messages. */
    public List<byte[]> encodedAccusations() {
        return accusations.encoded();
    }

    /** Keeps this node's own accusation to pass on in gossip. */
    @Override
    public void publish(Accusation a) {
        accusations.offer(a);
    }

    /** The live accusations heard. */
    public List<Accusation> accusations() {
        return accusations.live();
    }

    @Override
    public int accusers(String peerId) {
        return accusations.accusers(peerId);
    }

    /** Hosts must be IP literals: nothing a peer announces makes us resolve a name. */
    private static InetSocketAddress address(Announcement a) {
        try {
            return new InetSocketAddress(InetAddress.ofLiteral(a.host()), a.port());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public synchronized List<PeerInfo> peers() {
        return expireAndList().stream().map(Held::info).toList();
    }
}
