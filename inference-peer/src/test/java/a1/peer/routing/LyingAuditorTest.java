package a1.peer.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.peer.generate.Generator;
import a1.peer.node.PeerNode;
import a1.peer.node.PeerOptions;
import a1.peer.relay.LyingRelay;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.peer.sampling.Sampler;
import a1.spec.gossip.Accusation;
import a1.spec.model.LayerRange;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The auditor is the liar: the referee sides with the hop's peer, so the auditor is banned and accused, the hop
 * stays, and the tokens stay golden.
 */
class LyingAuditorTest {
    private static final String GOLDEN = "stories260K-f32.json";

    @Test
    void refereeConvictsALyingAuditorAndTheHopStays() throws Exception {
        Path model = GoldenRun.model(GOLDEN);
        String modelId = PeerNode.localModelId(model);
        GoldenRun g = GoldenRun.read(GOLDEN).get(1);
        List<Accusation> published = new ArrayList<>();
        LayerRange all = LayerRange.parse("0-4");
        try (PeerNode hop = PeerNode.start(PeerOptions.local(model, modelId, all, List.of()));
             PeerNode referee = PeerNode.start(PeerOptions.local(model, modelId, all, List.of()));
             LyingRelay liar = new LyingRelay(referee.address(), LyingRelay.Lie.NOISE)) {
            PeerInfo hopInfo = new PeerInfo(hop.identity().hexId(), hop.address(), all, 1000, 0);
            PeerInfo liarInfo = new PeerInfo(liar.identity().hexId(), liar.address(), all, 0, 0);
            PeerInfo refereeInfo = new PeerInfo(referee.identity().hexId(), referee.address(), all, 0, 0);
            PeerDirectory directory = new PeerDirectory() {
                public List<PeerInfo> peers() {
                    return List.of(hopInfo, liarInfo, refereeInfo);
                }

                /** The referee carries an accusation, so the unaccused liar is the auditor picked. */
                public int accusers(String peerId) {
                    return peerId.equals(refereeInfo.id()) ? 1 : 0;
                }

                public void publish(Accusation a) {
                    published.add(a);
                }
            };
            try (SwarmClient client = SwarmClient.open(model, modelId, directory, PeerIdentity.generate(), RelayConfig.defaults(), 10_000, 5_000, new Verification(0.1, false), 1);
                 SwarmSession s = client.newSession(g.promptIds().length + g.generatedIds().length + 8, CacheType.F16, Encoding.F32)) {
                int[] got = Generator.generate(s, g.promptIds(), g.generatedIds().length, Sampler.greedy(), t -> false, t -> {}).tokens();
                assertArrayEquals(g.generatedIds(), got);
                assertEquals(Set.of(liarInfo.id()), client.banned());
                assertEquals(List.of(liarInfo.id()), published.stream().map(Accusation::accusedId).toList());
                assertEquals(List.of(refereeInfo.id()), published.getFirst().witnesses());
                assertEquals(0, s.failovers(), "the hop's peer was right and stays");
                assertEquals(hopInfo.id(), s.chain().getFirst().peerId());
            }
        }
    }
}
