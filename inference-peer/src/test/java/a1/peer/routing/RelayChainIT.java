package a1.peer.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.generate.Generator;
import a1.peer.node.PeerNode;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.peer.sampling.Sampler;
import a1.spec.model.LayerRange;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Peers in separate JVMs each serve part of stories260K's five layers; a client holding only the embedding and head
 * generates through them. Greedy output must be llama.cpp's golden ids, with or without a peer killed mid-run.
 */
class RelayChainIT {
    private static final String GOLDEN = "stories260K-f32.json";

    @Test
    void threePeerChainGeneratesTheGoldenTokens() throws Exception {
        Path model = GoldenRun.model(GOLDEN);
        List<PeerProcess> peers = new ArrayList<>();
        try {
            for (String r : List.of("0-1", "2-3", "4")) peers.add(new PeerProcess(model, LayerRange.parse(r)));
            List<PeerInfo> infos = peers.stream().map(p -> p.info).toList();
            try (SwarmClient client = client(model, () -> infos)) {
                for (GoldenRun g : GoldenRun.read(GOLDEN)) {
                    try (SwarmSession s = client.newSession(g.promptIds().length + g.generatedIds().length + 8, CacheType.F16, Encoding.F32)) {
                        int[] got = Generator.generate(s, g.promptIds(), g.generatedIds().length, Sampler.greedy(), t -> false, t -> {}).tokens();
                        assertArrayEquals(g.generatedIds(), got, g.toString());
                        assertEquals(Stream.of("0-1", "2-3", "4").map(LayerRange::parse).toList(), s.chain().stream().map(SwarmSession.HopStats::layers).toList());
                        assertEquals(0, s.failovers());
                    }
                }
            }
        } finally {
            for (PeerProcess p : peers) p.close();
        }
    }

    @Test
    void killedPeerIsReplacedAndTheTokensStayGolden() throws Exception {
        Path model = GoldenRun.model(GOLDEN);
        List<PeerProcess> peers = new ArrayList<>();
        try {
            for (String r : List.of("0-1", "2-4", "2-3", "4")) peers.add(new PeerProcess(model, LayerRange.parse(r)));
            List<PeerInfo> infos = peers.stream().map(p -> p.info).toList();
            GoldenRun g = GoldenRun.read(GOLDEN).getFirst();
            try (SwarmClient client = client(model, () -> infos);
                 SwarmSession s = client.newSession(g.promptIds().length + g.generatedIds().length + 8, CacheType.F16, Encoding.F32)) {
                String victim = s.chain().get(1).peerId();
                int[] count = {0};
                int[] got = Generator.generate(s, g.promptIds(), g.generatedIds().length, Sampler.greedy(), t -> false, t -> {
                    if (++count[0] == 20) kill(peers, victim);
                }).tokens();
                assertArrayEquals(g.generatedIds(), got, g.toString());
                assertEquals(1, s.failovers());
                assertTrue(s.chain().stream().noneMatch(h -> h.peerId().equals(victim)), "the killed peer left the chain");
                assertEquals(LayerRange.parse("0-4").size(), s.chain().stream().mapToInt(h -> h.layers().size()).sum());
            }
        } finally {
            for (PeerProcess p : peers) p.close();
        }
    }

    private static void kill(List<PeerProcess> peers, String id) {
        Optional<PeerProcess> p = peers.stream().filter(x -> x.info.id().equals(id)).findFirst();
        try {
            p.orElseThrow().kill9();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static SwarmClient client(Path model, PeerDirectory directory) throws Exception {
        return SwarmClient.open(model, PeerNode.localModelId(model), directory, PeerIdentity.generate(), RelayConfig.defaults(), 10_000, 20_000, Verification.DEFAULT, 1);
    }
}
