package a1.peer.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.generate.Generator;
import a1.peer.gossip.GossipService;
import a1.peer.gossip.GossipState;
import a1.peer.node.PeerNode;
import a1.peer.relay.LyingRelay;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.peer.sampling.Sampler;
import a1.spec.gossip.Accusation;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import a1.spec.wire.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A peer returns wrong activations (noise, or every value x1.01) and advertises itself as fast, so the client routes
 * through it. Auditing catches it on its first call, a third peer settles the dispute, the client bans it, routes
 * around it and accuses it in gossip, where an honest peer passes the accusation on; the tokens stay golden. With
 * honest peers only, auditing every call accuses nobody: honest peers agree bit for bit.
 */
class WrongActivationsIT {
    private static final String GOLDEN = "stories260K-f32.json";
    private static final List<PeerProcess> PEERS = new ArrayList<>();
    private static Path model;
    private static PeerProcess first;
    private static List<PeerInfo> honest;

    @BeforeAll
    static void startSwarm() throws Exception {
        model = GoldenRun.model(GOLDEN);
        for (String r : List.of("0-1", "0-1", "2-4", "2-4")) PEERS.add(new PeerProcess(model, a1.spec.model.LayerRange.parse(r)));
        first = PEERS.getFirst();
        honest = PEERS.stream().map(p -> p.info).toList();
    }

    @AfterAll
    static void stopSwarm() throws InterruptedException {
        for (PeerProcess p : PEERS) p.close();
    }

    @ParameterizedTest
    @EnumSource(value = LyingRelay.Lie.class, names = {"NOISE", "SCALE"})
    void liarIsCaughtBannedAccusedAndRoutedAround(LyingRelay.Lie lie) throws Exception {
        PeerProcess liarProcess = PeerProcess.lying(model, "2-3", lie);
        PEERS.add(liarProcess);
        PeerInfo l = liarProcess.info;
        PeerInfo liar = new PeerInfo(l.id(), l.address(), l.range(), 1000, 0); // claims to be fast, to attract traffic
        List<PeerInfo> infos = new ArrayList<>(honest);
        infos.add(liar);
        String modelId = PeerNode.localModelId(model);
        GossipState gossipState = new GossipState(modelId, 5, 10_000, System::currentTimeMillis);
        PeerDirectory directory = new PeerDirectory() {
            public List<PeerInfo> peers() {
                return infos;
            }

            public void publish(Accusation a) {
                gossipState.publish(a);
            }
        };
        GoldenRun g = GoldenRun.read(GOLDEN).getFirst();
        try (PeerConnector link = new PeerConnector(PeerIdentity.generate(), RelayConfig.defaults(), 5_000);
             GossipService gossip = new GossipService(gossipState, Optional::empty, link, List.of(first.info.address()));
             SwarmClient client = SwarmClient.open(model, modelId, directory, PeerIdentity.generate(), RelayConfig.defaults(), 10_000, 10_000, new Verification(0.1, false), 1);
             SwarmSession s = client.newSession(g.promptIds().length + g.generatedIds().length + 8, CacheType.F16, Encoding.F32)) {
            assertEquals(liar.id(), s.chain().get(1).peerId(), "the liar's fast claim put it in the chain");
            int[] got = Generator.generate(s, g.promptIds(), g.generatedIds().length, Sampler.greedy(), t -> false, t -> {}).tokens();
            assertArrayEquals(g.generatedIds(), got, g.toString());
            assertEquals(java.util.Set.of(liar.id()), client.banned());
            assertEquals(List.of(liar.id()), s.audits().convicted());
            assertTrue(s.chain().stream().noneMatch(h -> h.peerId().equals(liar.id())), "the liar left the chain");
            System.out.println(lie + ": " + s.audits() + ", failovers " + s.failovers());

            gossip.round();
            GossipState observer = new GossipState(modelId, 5, 10_000, System::currentTimeMillis);
            Message reply = link.once(first.info.address(), first.info.id(), new Message.Gossip(List.of()));
            for (byte[] e : ((Message.Gossip) reply).announcements()) observer.offer(e);
            assertEquals(1, observer.accusers(liar.id()), "an honest peer passes the signed accusation on");
            Accusation a = observer.accusations().getFirst();
            assertTrue(a.signatureValid());
            assertEquals(2, a.witnesses().size(), "the auditor and the referee");
        } finally {
            liarProcess.close();
        }
    }

    @Test
    void honestPeersAuditedOnEveryCallAgreeBitForBit() throws Exception {
        try (SwarmClient client = SwarmClient.open(model, PeerNode.localModelId(model), () -> honest, PeerIdentity.generate(), RelayConfig.defaults(), 10_000, 10_000, new Verification(1, false), 1)) {
            for (GoldenRun g : GoldenRun.read(GOLDEN)) {
                try (SwarmSession s = client.newSession(g.promptIds().length + g.generatedIds().length + 8, CacheType.F16, Encoding.F32)) {
                    int[] got = Generator.generate(s, g.promptIds(), g.generatedIds().length, Sampler.greedy(), t -> false, t -> {}).tokens();
                    assertArrayEquals(g.generatedIds(), got, g.toString());
                    assertTrue(s.audits().audits() > 0);
                    assertEquals(List.of(), s.audits().convicted());
                    assertEquals(0, s.failovers());
                    System.out.println(g + ": " + s.audits());
                }
            }
            assertEquals(java.util.Set.of(), client.banned());
        }
    }
}
