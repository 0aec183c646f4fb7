package a1.peer.gossip;

import a1.spec.gossip.Accusation;
import a1.spec.gossip.AccusationCodec;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The accusations of wrong activations heard for one model, kept for an hour: the latest of each (accuser, accused)
 * pair, at most {@value #MAX_KEPT} (the oldest go first). An accusation proves only who made it, so it is weighed,
 * never obeyed: {@link #accusers} counts the distinct accusers of a peer, and a client down-ranks a peer by it.
 * Thread-safe.
 */
final class Accusations {
    static final int MAX_KEPT = 256;
    static final long MAX_AGE_MILLIS = 3_600_000;
    /** How far ahead of our clock a report time may be (clock skew). */
    private static final long SKEW_MILLIS = 60_000;

    private record Pair(String accuser, String accused) {}

    private final String modelId;
    private final int layers;
    private final LongSupplier clock;
    private final Map<Pair, Accusation> byPair = new HashMap<>();

    Accusations(String modelId, int layers, LongSupplier clockMillis) {
        this.modelId = modelId;
        this.layers = layers;
        this.clock = clockMillis;
    }

    synchronized GossipState.Verdict offer(Accusation a) {
        if (!a.signatureValid()) return GossipState.Verdict.FORGED;
        if (!a.modelId().equals(modelId)) return GossipState.Verdict.WRONG_MODEL;
        if (!a.layers().within(layers)) return GossipState.Verdict.OUT_OF_RANGE;
        long now = clock.getAsLong();
        if (a.reportedAtMillis() < now - MAX_AGE_MILLIS || a.reportedAtMillis() > now + SKEW_MILLIS) return GossipState.Verdict.EXPIRED;
        Pair key = new Pair(a.reporterId(), a.accusedId());
        Accusation old = byPair.get(key);
        if (old != null && old.reportedAtMillis() >= a.reportedAtMillis()) return GossipState.Verdict.REPLAYED;
        byPair.put(key, a);
        while (byPair.size() > MAX_KEPT) {
            byPair.entrySet().stream().min(Comparator.comparingLong(e -> e.getValue().reportedAtMillis())).map(Map.Entry::getKey).ifPresent(byPair::remove);
        }
        return GossipState.Verdict.ACCEPTED;
    }

    /** How many distinct peers accuse {@code peerId}. */
    synchronized int accusers(String peerId) {
        expire();
        return (int) byPair.keySet().stream().filter(p -> p.accused().equals(peerId)).count();
    }

    synchronized List<Accusation> live() {
        expire();
        return List.copyOf(byPair.values());
    }

    List<byte[]> encoded() {
        return live().stream().map(AccusationCodec::encode).toList();
    }

    private void expire() {
        long oldest = clock.getAsLong() - MAX_AGE_MILLIS;
        byPair.values().removeIf(a -> a.reportedAtMillis() < oldest);
    }
}
