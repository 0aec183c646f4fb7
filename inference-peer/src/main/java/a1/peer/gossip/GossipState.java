package a1.peer.gossip;

import a1.peer.routing.PeerDirectory;
import a1.peer.routing.PeerInfo;
import a1.spec.gossip.Accusation;
import a1.spec.gossip.AccusationCodec;
import a1.spec.gossip.Announcement;
import a1.spec.gossip.AnnouncementCodec;
import a1.spec.gossip.GossipException;
import a1.spec.wire.Message;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The latest valid announcement of each peer serving one model. An announcement is accepted only if it is well
 * formed, its signature verifies against the key it carries, it is for this model and within its layers, it has
 * not expired and does not claim to live longer than {@code maxTtlMillis}, and its sequence number is above the one
 * already held for that peer (so an old announcement replayed later changes nothing). It also keeps the
 * {@link Accusation}s heard for the model, which travel in the same gossip messages. Thread-safe.
 */
public final class GossipState implements PeerDirectory {
    /** Why an announcement was or was not taken. */
    public enum Verdict { ACCEPTED, MALFORMED, FORGED, WRONG_MODEL, OUT_OF_RANGE, EXPIRED, REPLAYED }

    private final String modelId;
    private final int layers;
    private final long maxTtlMillis;
    private final LongSupplier clock;
    private final Map<String, Announcement> byPeer = new HashMap<>();
    /** Announcements of peers found unreachable: copies still in flight must not bring them back. */
    private final Map<String, Announcement> unreachable = new HashMap<>();
    private final Accusations accusations;

    public GossipState(String modelId, int layers, long maxTtlMillis, LongSupplier clockMillis) {
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
        if (!a.signatureValid()) return Verdict.FORGED;
        if (address(a) == null) return Verdict.MALFORMED;
        if (!a.modelId().equals(modelId)) return Verdict.WRONG_MODEL;
        if (!a.layers().within(layers)) return Verdict.OUT_OF_RANGE;
        long now = clock.getAsLong();
        if (a.expiresAtMillis() <= now || a.expiresAtMillis() > now + maxTtlMillis) return Verdict.EXPIRED;
        Announcement old = byPeer.getOrDefault(a.peerId(), unreachable.get(a.peerId()));
        if (old != null && old.sequence() >= a.sequence()) return Verdict.REPLAYED;
        unreachable.remove(a.peerId());
        byPeer.put(a.peerId(), a);
        return Verdict.ACCEPTED;
    }

    /**
     * Drops {@code peerId} because this node could not reach it, so a dead peer leaves the view at once instead of
     * when its announcement expires. Only a newer announcement (the peer is alive and said so since) brings it back.
     */
    public synchronized void unreachable(String peerId) {
        Announcement a = byPeer.remove(peerId);
        if (a != null) unreachable.put(peerId, a);
    }

    /** The live announcements (expired ones are dropped). */
    public synchronized List<Announcement> live() {
        long now = clock.getAsLong();
        byPeer.values().removeIf(a -> a.expiresAtMillis() <= now);
        unreachable.values().removeIf(a -> a.expiresAtMillis() <= now);
        return List.copyOf(byPeer.values());
    }

    /** Live announcements, then accusations, encoded, for a gossip message (which holds at most 1024 entries). */
    public List<byte[]> encoded() {
        List<byte[]> out = new ArrayList<>(live().stream().map(AnnouncementCodec::encode).toList());
        for (byte[] a : accusations.encoded()) if (out.size() < Message.Gossip.MAX_ANNOUNCEMENTS) out.add(a);
        return out;
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
    public List<PeerInfo> peers() {
        List<PeerInfo> out = new ArrayList<>();
        for (Announcement a : live()) {
            out.add(new PeerInfo(a.peerId(), address(a), a.layers(), a.throughput(), a.load()));
        }
        return out;
    }
}
