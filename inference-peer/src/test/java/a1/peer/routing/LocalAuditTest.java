package a1.peer.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * A client that holds the model file audits on its own: no other peer is needed to catch a liar, and its accusation
 * names no witness. Honest peers audited on every call are never accused.
 */
class LocalAuditTest {
    private static final String GOLDEN = "stories260K-f32.json";

    @Test
    void clientCatchesALiarByComputingTheLayersItself() throws Exception {
        Path model = GoldenRun.model(GOLDEN);
        String modelId = PeerNode.localModelId(model);
        GoldenRun g = GoldenRun.read(GOLDEN).getFirst();
        List<Accusation> published = new ArrayList<>();
        try (PeerNode honest = PeerNode.start(PeerOptions.local(model, modelId, LayerRange.parse("0-4"), List.of()));
             LyingRelay liar = new LyingRelay(honest.address(), LyingRelay.Lie.SCALE)) {
            PeerInfo liarInfo = new PeerInfo(liar.identity().hexId(), liar.address(), LayerRange.parse("0-4"), 1000, 0);
            PeerInfo honestInfo = new PeerInfo(honest.identity().hexId(), honest.address(), LayerRange.parse("0-4"), 0, 0);
            PeerDirectory directory = new PeerDirectory() {
                public List<PeerInfo> peers() {
                    return List.of(liarInfo, honestInfo);
                }

                public void publish(Accusation a) {
                    published.add(a);
                }
            };
            try (SwarmClient client = SwarmClient.open(model, modelId, directory, PeerIdentity.generate(), RelayConfig.defaults(), 10_000, 5_000, new Verification(0.2, true), 1);
                 SwarmSession s = client.newSession(g.promptIds().length + g.generatedIds().length + 8, CacheType.F16, Encoding.F32)) {
                int[] got = Generator.generate(s, g.promptIds(), g.generatedIds().length, Sampler.greedy(), t -> false, t -> {}).tokens();
                assertArrayEquals(g.generatedIds(), got);
                assertEquals(Set.of(liarInfo.id()), client.banned());
                assertEquals(1, published.size());
                Accusation a = published.getFirst();
                assertEquals(liarInfo.id(), a.accusedId());
                assertEquals(List.of(), a.witnesses(), "the client computed the truth itself");
                assertEquals(0, a.startPos(), "caught on the prompt, before any token");
                assertTrue(a.signatureValid());
                assertEquals(honestInfo.id(), s.chain().getFirst().peerId());
            }
        }
    }

    @Test
    void honestPeersAuditedOnEveryCallAreNeverAccused() throws Exception {
        Path model = GoldenRun.model(GOLDEN);
        String modelId = PeerNode.localModelId(model);
        GoldenRun g = GoldenRun.read(GOLDEN).get(2);
        LayerRange all = LayerRange.parse("0-4");
        // Two peers, so a handshake timing out on a loaded machine fails over instead of ending the run.
        try (PeerNode a = PeerNode.start(PeerOptions.local(model, modelId, all, List.of()));
             PeerNode b = PeerNode.start(PeerOptions.local(model, modelId, all, List.of()));
             SwarmClient client = SwarmClient.open(model, modelId, () -> List.of(info(a), info(b)), PeerIdentity.generate(), RelayConfig.defaults(),
                     10_000, 5_000, new Verification(1, true), 1);
             SwarmSession s = client.newSession(g.promptIds().length + g.generatedIds().length + 8, CacheType.F32, Encoding.BF16)) {
            Generator.generate(s, g.promptIds(), g.generatedIds().length, Sampler.greedy(), t -> false, t -> {});
            assertTrue(s.audits().audits() >= g.generatedIds().length, "every call audited: " + s.audits());
            assertEquals(List.of(), s.audits().convicted(), "bit-identical with an F32 cache and BF16 relay too");
            assertEquals(Set.of(), client.banned());
        }
    }

    private static PeerInfo info(PeerNode p) {
        return new PeerInfo(p.identity().hexId(), p.address(), p.range(), 0, 0);
    }
}
