package a1.peer.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.relay.PeerIdentity;
import a1.spec.gossip.Announcement;
import a1.spec.model.LayerRange;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GossipRoundTest {
    private static final long NOW = 1_800_000_000_000L;
    private final GossipState state = new GossipState("m", 4, 60_000, () -> NOW);
    private final List<PeerIdentity> peers = List.of(PeerIdentity.generate(), PeerIdentity.generate(), PeerIdentity.generate(),
            PeerIdentity.generate(), PeerIdentity.generate(), PeerIdentity.generate());

    GossipRoundTest() {
        for (int i = 0; i < peers.size(); i++) {
            PeerIdentity p = peers.get(i);
            state.offer(Announcement.sign(p.publicKey(), "10.0.0." + (i + 1), 4000, "m", new LayerRange(0, 4), 1f, 0, 1, NOW + 10_000, p::sign));
        }
    }

    @Test
    void aRoundTalksToAnUnknownSeedAndFanoutDistinctOtherPeers() {
        InetSocketAddress seed = new InetSocketAddress("10.0.0.99", 4000);
        String self = peers.getFirst().hexId();
        for (int seedValue = 0; seedValue < 20; seedValue++) {
            GossipRound r = GossipRound.plan(state, self, List.of(seed), 3, new Random(seedValue));
            assertEquals(seed, r.targets().getFirst());
            assertEquals(4, r.targets().size());
            assertEquals(4, new HashSet<>(r.targets()).size());
            assertFalse(r.targets().contains(new InetSocketAddress("10.0.0.1", 4000)), "never itself");
            assertEquals(5, r.known().size());
        }
    }

    @Test
    void seedsThatAreKnownPeersAreNotAskedAgainAndOthersAreSampled() {
        List<InetSocketAddress> seeds = new java.util.ArrayList<>();
        for (int i = 1; i <= 6; i++) seeds.add(new InetSocketAddress("10.0.0." + i, 4000)); // all known peers
        for (int i = 0; i < 100; i++) seeds.add(new InetSocketAddress("10.0.1." + i, 4000)); // named by the DHT, not yet heard
        Set<InetSocketAddress> seen = new HashSet<>();
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            GossipRound r = GossipRound.plan(state, null, seeds, 3, random);
            assertEquals(6, r.targets().size(), "3 unknown seeds and 3 known peers, however many seeds there are");
            assertEquals(3, r.targets().stream().filter(a -> a.getAddress().getHostAddress().startsWith("10.0.1.")).count());
            seen.addAll(r.targets());
        }
        assertEquals(106, seen.size(), "every seed and peer is asked sometimes");
    }

    @Test
    void everyKnownPeerGetsPickedSometimes() {
        Set<InetSocketAddress> seen = new HashSet<>();
        Random random = new Random(1);
        for (int i = 0; i < 50; i++) seen.addAll(GossipRound.plan(state, null, List.of(), 1, random).targets());
        assertEquals(6, seen.size());
    }

    @Test
    void aFailedExchangeDropsThePeersAtThatAddress() {
        GossipRound r = GossipRound.plan(state, null, List.of(), 3, new Random(7));
        InetSocketAddress gone = r.targets().get(1);
        r.failed(state, gone);
        assertEquals(5, state.peers().size());
        assertTrue(state.peers().stream().noneMatch(p -> p.address().equals(gone)));
    }

    @Test
    void aMessageCarriesEveryAnnouncementUpToTheSampleSizeThenItsOwnAndARandomSample() {
        List<Announcement> live = state.live();
        assertEquals(live, GossipRound.payload(live, live.getFirst(), new Random(1)));
        List<Announcement> many = new java.util.ArrayList<>();
        for (int i = 0; i < GossipRound.SAMPLE + 100; i++) {
            PeerIdentity p = PeerIdentity.generate();
            many.add(Announcement.sign(p.publicKey(), "10.1." + (i >> 8) + "." + (i & 255), 4000, "m", new LayerRange(0, 4), 1f, 0, 1, NOW + 10_000, m -> new byte[64]));
        }
        Announcement mine = many.get(70);
        List<Announcement> out = GossipRound.payload(many, mine, new Random(2));
        assertEquals(GossipRound.SAMPLE, out.size());
        assertEquals(mine, out.getFirst());
        assertEquals(out.size(), new HashSet<>(out).size());
        assertTrue(!out.equals(GossipRound.payload(many, mine, new Random(3))), "another message, another sample");
        List<Announcement> asClient = GossipRound.payload(many, null, new Random(2));
        assertEquals(GossipRound.SAMPLE, asClient.size());
        assertEquals(asClient.size(), new HashSet<>(asClient).size());
        new a1.spec.wire.Message.Gossip(out.stream().map(a1.spec.gossip.AnnouncementCodec::encode).toList()); // fits the wire
    }

    @Test
    void everyAnnouncementOfALargeViewIsSentSometimes() {
        List<Announcement> many = new java.util.ArrayList<>();
        for (int i = 0; i < 4 * GossipRound.SAMPLE; i++) {
            PeerIdentity p = PeerIdentity.generate();
            many.add(Announcement.sign(p.publicKey(), "10.2." + (i >> 8) + "." + (i & 255), 4000, "m", new LayerRange(0, 4), 1f, 0, 1, NOW + 10_000, m -> new byte[64]));
        }
        Set<Announcement> sent = new HashSet<>();
        Random random = new Random(5);
        for (int message = 0; message < 40; message++) sent.addAll(GossipRound.payload(many, many.getFirst(), random));
        assertEquals(many.size(), sent.size());
    }

    @Test
    void aSampleSizeOutsideTheWireLimitIsRefused() {
        List<Announcement> live = state.live();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GossipRound.payload(live, null, new Random(1), GossipRound.MAX_PER_MESSAGE + 1));
        assertTrue(e.getMessage().contains("1025"), e.getMessage());
    }
}
