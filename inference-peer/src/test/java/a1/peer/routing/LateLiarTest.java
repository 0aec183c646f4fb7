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
import a1.spec.model.LayerRange;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A peer that passes the audit of the prompt and lies from its tenth call on. A sampled audit either lands on a
 * lying call (the lie never reaches the output and the generation stays golden) or comes after unaudited lies
 * (the generation ends with a retriable error). Either way the liar is banned, and the retry is golden.
 */
class LateLiarTest {
    private static final String GOLDEN = "stories260K-f32.json";

    @Test
    void aLateLiarEndsBannedAndTheRetryIsGolden() throws Exception {
        Path model = GoldenRun.model(GOLDEN);
        String modelId = PeerNode.localModelId(model);
        GoldenRun g = GoldenRun.read(GOLDEN).getFirst();
        LayerRange all = LayerRange.parse("0-4");
        try (PeerNode honest = PeerNode.start(PeerOptions.local(model, modelId, all, List.of()));
             LyingRelay liar = new LyingRelay(honest.address(), LyingRelay.Lie.LATE)) {
            PeerInfo liarInfo = new PeerInfo(liar.identity().hexId(), liar.address(), all, 1000, 0);
            PeerInfo honestInfo = new PeerInfo(honest.identity().hexId(), honest.address(), all, 0, 0);
            try (SwarmClient client = SwarmClient.open(model, modelId, () -> List.of(liarInfo, honestInfo), PeerIdentity.generate(), RelayConfig.defaults(),
                    10_000, 5_000, new Verification(0.3, true), 1)) {
                String first;
                try (SwarmSession s = client.newSession(g.promptIds().length + g.generatedIds().length + 8, CacheType.F16, Encoding.F32)) {
                    assertEquals(liarInfo.id(), s.chain().getFirst().peerId());
                    int[] got = Generator.generate(s, g.promptIds(), g.generatedIds().length, Sampler.greedy(), t -> false, t -> {}).tokens();
                    assertArrayEquals(g.generatedIds(), got, "a lie caught before use never reaches the output");
                    first = "golden, caught before use";
                } catch (SwarmRetryException e) {
                    assertTrue(e.getMessage().contains("already used"), e.getMessage());
                    first = "retriable: " + e.getMessage();
                }
                System.out.println("late liar, first generation: " + first);
                assertEquals(Set.of(liarInfo.id()), client.banned());
                try (SwarmSession retry = client.newSession(g.promptIds().length + g.generatedIds().length + 8, CacheType.F16, Encoding.F32)) {
                    int[] got = Generator.generate(retry, g.promptIds(), g.generatedIds().length, Sampler.greedy(), t -> false, t -> {}).tokens();
                    assertArrayEquals(g.generatedIds(), got);
                    assertEquals(honestInfo.id(), retry.chain().getFirst().peerId());
                }
            }
        }
    }
}
