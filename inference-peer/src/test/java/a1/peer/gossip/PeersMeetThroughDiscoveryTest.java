package a1.peer.gossip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.peer.generate.Generator;
import a1.peer.node.PeerNode;
import a1.peer.node.PeerOptions;
import a1.peer.routing.SwarmClient;
import a1.peer.routing.SwarmSession;
import a1.peer.sampling.Sampler;
import a1.spec.manifest.InfoHash;
import a1.spec.manifest.ModelId;
import a1.spec.model.LayerRange;
import a1.spec.testdata.SharedData;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import a1.swarm.Discovery;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Peers given no bootstrap address find each other, and a client finds them, only through a discovery service (the
 * role the DHT plays), under the model's meeting key; the client then generates llama.cpp's golden tokens.
 */
class PeersMeetThroughDiscoveryTest {

    /** Discovery on loopback: a shared map from key to announced ports. */
    static final class LoopbackDiscovery implements Discovery {
        final Map<InfoHash, Set<InetSocketAddress>> peers = new ConcurrentHashMap<>();

        @Override
        public void announce(InfoHash infoHash, int port) {
            peers.computeIfAbsent(infoHash, k -> ConcurrentHashMap.newKeySet()).add(new InetSocketAddress("127.0.0.1", port));
        }

        @Override
        public List<InetSocketAddress> findPeers(InfoHash infoHash) {
            return List.copyOf(peers.getOrDefault(infoHash, Set.of()));
        }

        @Override
        public void publishManifest(byte[] signedManifest) {
            throw new UnsupportedOperationException("not used by the inference swarm");
        }

        @Override
        public Optional<byte[]> resolveManifest(ModelId id) {
            return Optional.empty();
        }
    }

    @Test
    void peersAndClientMeetUnderTheModelsKeyAndGenerateTheGoldenTokens() throws Exception {
        Path model = SharedData.model("stories260K-f32.gguf");
        JsonNode golden = new ObjectMapper().readTree(SharedData.golden("stories260K-f32.json").toFile()).get("prompts").get(0);
        int[] prompt = ints(golden.get("prompt_ids"));
        int[] expected = ints(golden.get("generated_ids"));
        String modelId = PeerNode.localModelId(model);
        LoopbackDiscovery dht = new LoopbackDiscovery();
        List<PeerNode> peers = new ArrayList<>();
        try {
            for (String r : List.of("0-1", "2-3", "4")) peers.add(PeerNode.start(PeerOptions.local(model, modelId, LayerRange.parse(r), List.of()), dht));
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (peers.stream().anyMatch(p -> p.gossipState().peers().size() < 3) && System.nanoTime() < deadline) Thread.sleep(100);
            for (PeerNode p : peers) assertEquals(3, p.gossipState().peers().size(), "every peer learned the two others");
            assertEquals(Set.of(new InfoHash(a1.spec.gossip.PeerKey.forModel(modelId))), dht.peers.keySet());

            try (SwarmClient client = SwarmClient.join(model, List.of(), dht, 1);
                 SwarmSession s = client.newSession(prompt.length + expected.length + 8, CacheType.F16, Encoding.F32)) {
                int[] got = Generator.generate(s, prompt, expected.length, Sampler.greedy(), t -> false, t -> {}).tokens();
                assertArrayEquals(expected, got);
                assertEquals(3, s.chain().size());
            }
        } finally {
            peers.forEach(PeerNode::close);
        }
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }
}
