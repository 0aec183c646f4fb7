package a1.peer.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.peer.gossip.GossipState.Verdict;
import a1.peer.relay.PeerIdentity;
import a1.spec.gossip.Announcement;
import a1.spec.gossip.AnnouncementCodec;
import a1.spec.model.LayerRange;
import org.junit.jupiter.api.Test;

/** Each kind of bad announcement is refused and leaves the state as it was. */
class GossipSecurityTest {
    private static final long NOW = 1_800_000_000_000L;
    private final PeerIdentity peer = PeerIdentity.generate();
    private final GossipState state = new GossipState("m", 5, 60_000, () -> NOW);

    private Announcement announce(PeerIdentity who, String model, LayerRange r, long seq, long expires) {
        return Announcement.sign(who.publicKey(), "127.0.0.1", 4000, model, r, 10f, 0, seq, expires, who::sign);
    }

    @Test
    void aValidAnnouncementIsAccepted() {
        assertEquals(Verdict.ACCEPTED, state.offer(announce(peer, "m", new LayerRange(0, 5), 1, NOW + 10_000)));
        assertEquals(1, state.peers().size());
        assertEquals(peer.hexId(), state.peers().getFirst().id());
    }

    @Test
    void aForgedSignatureIsRefused() {
        PeerIdentity forger = PeerIdentity.generate();
        // The victim's key with the forger's signature over the same fields.
        Announcement real = announce(peer, "m", new LayerRange(0, 2), 5, NOW + 10_000);
        Announcement forged = new Announcement(peer.publicKey(), "127.0.0.1", 4000, "m", new LayerRange(0, 2), 10f, 0, 5, NOW + 10_000, forger.sign(real.signedBytes()));
        assertEquals(Verdict.FORGED, state.offer(forged));
        // A correctly signed announcement whose range was changed afterwards.
        Announcement altered = new Announcement(peer.publicKey(), "127.0.0.1", 4000, "m", new LayerRange(0, 5), 10f, 0, 5, NOW + 10_000, real.signature());
        assertEquals(Verdict.FORGED, state.offer(altered));
        assertEquals(0, state.peers().size());
    }

    @Test
    void aReplayedAnnouncementIsRefused() {
        Announcement old = announce(peer, "m", new LayerRange(0, 2), 1, NOW + 10_000);
        Announcement newer = announce(peer, "m", new LayerRange(2, 5), 2, NOW + 10_000);
        assertEquals(Verdict.ACCEPTED, state.offer(old));
        assertEquals(Verdict.ACCEPTED, state.offer(newer));
        assertEquals(Verdict.REPLAYED, state.offer(AnnouncementCodec.encode(old)));
        assertEquals(Verdict.REPLAYED, state.offer(newer), "the same sequence number twice");
        assertEquals(new LayerRange(2, 5), state.peers().getFirst().range());
    }

    @Test
    void anUnreachablePeerLeavesAndOnlyANewerAnnouncementBringsItBack() {
        Announcement seen = announce(peer, "m", new LayerRange(0, 2), 1, NOW + 10_000);
        assertEquals(Verdict.ACCEPTED, state.offer(seen));
        state.unreachable(seen.peerId());
        assertEquals(0, state.peers().size());
        assertEquals(Verdict.REPLAYED, state.offer(seen), "a copy still gossiped by others");
        assertEquals(Verdict.ACCEPTED, state.offer(announce(peer, "m", new LayerRange(0, 2), 2, NOW + 10_000)));
        assertEquals(1, state.peers().size());
    }

    @Test
    void anExpiredAnnouncementIsRefused() {
        assertEquals(Verdict.EXPIRED, state.offer(announce(peer, "m", new LayerRange(0, 2), 1, NOW)));
        assertEquals(Verdict.EXPIRED, state.offer(announce(peer, "m", new LayerRange(0, 2), 1, NOW + 3_600_000)), "expiry beyond the largest lifetime");
        assertEquals(0, state.peers().size());
    }

    @Test
    void anAcceptedAnnouncementLeavesWhenItExpires() {
        long[] now = {NOW};
        GossipState s = new GossipState("m", 5, 60_000, () -> now[0]);
        assertEquals(Verdict.ACCEPTED, s.offer(announce(peer, "m", new LayerRange(0, 2), 1, NOW + 10_000)));
        now[0] = NOW + 10_000;
        assertEquals(0, s.peers().size());
    }

    @Test
    void aRangeOutsideTheModelIsRefused() {
        assertEquals(Verdict.OUT_OF_RANGE, state.offer(announce(peer, "m", new LayerRange(3, 6), 1, NOW + 10_000)));
        assertEquals(Verdict.WRONG_MODEL, state.offer(announce(peer, "other", new LayerRange(0, 2), 1, NOW + 10_000)));
    }

    @Test
    void malformedBytesAndHostNamesAreRefused() {
        assertEquals(Verdict.MALFORMED, state.offer(new byte[] {1, 2, 3}));
        Announcement named = Announcement.sign(peer.publicKey(), "peer.example", 4000, "m", new LayerRange(0, 2), 1f, 0, 1, NOW + 10_000, peer::sign);
        assertEquals(Verdict.MALFORMED, state.offer(named), "hosts must be IP literals, never names to resolve");
    }

    @Test
    void aCopyOfAHeldAnnouncementIsRefusedWithoutVerifyingItAgain() {
        int[] verified = {0};
        GossipState s = new GossipState("m", 5, 60_000, () -> NOW, a -> {
            verified[0]++;
            return a.signatureValid();
        });
        Announcement a = announce(peer, "m", new LayerRange(0, 2), 1, NOW + 10_000);
        assertEquals(Verdict.ACCEPTED, s.offer(a));
        for (int i = 0; i < 5; i++) assertEquals(Verdict.REPLAYED, s.offer(AnnouncementCodec.encode(a)));
        assertEquals(1, verified[0]);
    }
}
