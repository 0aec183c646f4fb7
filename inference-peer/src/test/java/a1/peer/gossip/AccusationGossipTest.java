package a1.peer.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.peer.gossip.GossipState.Verdict;
import a1.peer.relay.PeerIdentity;
import a1.spec.gossip.Accusation;
import a1.spec.gossip.AccusationCodec;
import a1.spec.gossip.Announcement;
import a1.spec.model.LayerRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accusations ride in gossip beside announcements; bad ones are refused, and a peer's weight is its distinct accusers. */
class AccusationGossipTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final String ACCUSED = PeerIdentity.generate().hexId();
    private final GossipState state = new GossipState("m", 5, 60_000, () -> NOW);

    private static Accusation accuse(PeerIdentity by, String model, LayerRange r, long at) {
        return Accusation.sign(by.publicKey(), ACCUSED, model, r, 3, 1, Accusation.digest(new float[] {1}),
                Accusation.digest(new float[] {2}), Accusation.digest(new float[] {3}), List.of(), at, by::sign);
    }

    @Test
    void distinctAccusersAreCountedAndRepeatsAreNot() {
        PeerIdentity a = PeerIdentity.generate(), b = PeerIdentity.generate();
        assertEquals(Verdict.ACCEPTED, state.offer(AccusationCodec.encode(accuse(a, "m", new LayerRange(2, 4), NOW - 5))));
        assertEquals(Verdict.ACCEPTED, state.offer(AccusationCodec.encode(accuse(a, "m", new LayerRange(2, 4), NOW))), "a newer one from the same accuser");
        assertEquals(1, state.accusers(ACCUSED));
        assertEquals(Verdict.ACCEPTED, state.offer(AccusationCodec.encode(accuse(b, "m", new LayerRange(2, 4), NOW))));
        assertEquals(2, state.accusers(ACCUSED));
        assertEquals(0, state.accusers(a.hexId()));
        assertEquals(0, state.peers().size(), "an accusation is no announcement");
    }

    @Test
    void badAccusationsAreRefused() {
        PeerIdentity a = PeerIdentity.generate();
        Accusation ok = accuse(a, "m", new LayerRange(2, 4), NOW);
        Accusation forged = new Accusation(PeerIdentity.generate().publicKey(), ACCUSED, "m", ok.layers(), 3, 1, ok.inputDigest(), ok.claimedDigest(),
                ok.expectedDigest(), List.of(), NOW, ok.signature());
        assertEquals(Verdict.FORGED, state.offer(AccusationCodec.encode(forged)));
        assertEquals(Verdict.WRONG_MODEL, state.offer(AccusationCodec.encode(accuse(a, "other", new LayerRange(2, 4), NOW))));
        assertEquals(Verdict.OUT_OF_RANGE, state.offer(AccusationCodec.encode(accuse(a, "m", new LayerRange(4, 6), NOW))));
        assertEquals(Verdict.EXPIRED, state.offer(AccusationCodec.encode(accuse(a, "m", new LayerRange(2, 4), NOW - 3_600_001))));
        assertEquals(Verdict.EXPIRED, state.offer(AccusationCodec.encode(accuse(a, "m", new LayerRange(2, 4), NOW + 60_001))));
        byte[] cut = AccusationCodec.encode(ok);
        assertEquals(Verdict.MALFORMED, state.offer(java.util.Arrays.copyOf(cut, cut.length - 1)));
        assertEquals(Verdict.ACCEPTED, state.offer(AccusationCodec.encode(ok)));
        assertEquals(Verdict.REPLAYED, state.offer(AccusationCodec.encode(ok)));
        assertEquals(1, state.accusers(ACCUSED));
    }

    @Test
    void gossipCarriesAnnouncementsThenAccusations() {
        PeerIdentity p = PeerIdentity.generate();
        state.offer(Announcement.sign(p.publicKey(), "127.0.0.1", 4000, "m", new LayerRange(0, 5), 10f, 0, 1, NOW + 10_000, p::sign));
        state.publish(accuse(p, "m", new LayerRange(0, 1), NOW));
        List<byte[]> entries = GossipRound.message(state.live(), state.encodedAccusations(), null, new java.util.Random(1));
        assertEquals(2, entries.size());
        GossipState other = new GossipState("m", 5, 60_000, () -> NOW);
        for (byte[] e : entries) assertEquals(Verdict.ACCEPTED, other.offer(e));
        assertEquals(1, other.peers().size());
        assertEquals(1, other.accusers(ACCUSED));
    }
}
