package a1.peer.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.generate.Generator;
import a1.peer.gossip.GossipService;
import a1.peer.gossip.GossipState;
import a1.peer.gossip.LayerAssignment;
import a1.peer.node.PeerNode;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.peer.sampling.Sampler;
import a1.spec.model.LayerRange;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Peers join a one-peer swarm and take balanced ranges from the gossip; peers leave (kill -9) and a peer re-balances
 * onto the layers left uncovered. A client generates without pause the whole time: every run equals the golden ids.
 */
class JoinLeaveIT {
    private static final String GOLDEN = "stories260K-f32.json";

    @Test
    void rangesRebalanceOnJoinAndLeaveWhileGenerationContinues() throws Exception {
        Path model = GoldenRun.model(GOLDEN);
        GoldenRun g = GoldenRun.read(GOLDEN).getFirst();
        List<PeerProcess> peers = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        Thread generator = null;
        try {
            PeerProcess first = new PeerProcess(model, "auto:5");
            peers.add(first);
            assertEquals(LayerRange.parse("0-4"), first.info.range(), "alone, the first peer takes every layer");
            String seed = String.valueOf(first.port());

            GossipState state = new GossipState(PeerNode.localModelId(model), 5, 10_000, System::currentTimeMillis);
            try (PeerConnector gossipLink = new PeerConnector(PeerIdentity.generate(), RelayConfig.defaults(), 5_000);
                 GossipService gossip = new GossipService(state, Optional::empty, gossipLink, List.of(first.info.address()));
                 SwarmClient client = RelayChainIT.client(model, state)) {
                gossip.start(300);
                awaitCoverage(state, c -> c[0] == 1 && c[4] == 1);
                generator = Thread.ofPlatform().daemon().start(() -> {
                    while (!stop.get()) {
                        try (SwarmSession s = client.newSession(g.promptIds().length + g.generatedIds().length + 8, CacheType.F16, Encoding.F32)) {
                            int[] got = Generator.generate(s, g.promptIds(), g.generatedIds().length, Sampler.greedy(), t -> false, t -> {}).tokens();
                            if (!java.util.Arrays.equals(g.generatedIds(), got)) problems.add("run " + runs.get() + " differs from the golden ids");
                            runs.incrementAndGet();
                        } catch (RuntimeException e) {
                            problems.add("run " + runs.get() + " failed: " + e);
                        }
                    }
                });

                PeerProcess second = new PeerProcess(model, "auto:3", seed);
                peers.add(second);
                assertEquals(LayerRange.parse("0-2"), second.info.range(), "equal coverage: the first window");
                PeerProcess third = new PeerProcess(model, "auto:3", seed);
                peers.add(third);
                assertEquals(LayerRange.parse("2-4"), third.info.range(), "the weakest window: layers 3-4 had one peer");
                int[] joined = awaitCoverage(state, c -> java.util.Arrays.equals(c, new int[] {2, 2, 3, 2, 2}));
                System.out.println("after joins: coverage " + java.util.Arrays.toString(joined));

                first.kill9();
                awaitCoverage(state, c -> java.util.Arrays.equals(c, new int[] {1, 1, 2, 1, 1}));
                PeerProcess fixed = new PeerProcess(model, LayerRange.parse("0-2"), String.valueOf(second.port()));
                peers.add(fixed);
                awaitCoverage(state, c -> java.util.Arrays.equals(c, new int[] {2, 2, 3, 1, 1}));

                third.kill9(); // layers 3-4 lose their only peer: the auto peer on 0-2 must move, the fixed one covers 0-2
                assertEquals(LayerRange.parse("2-4"), second.awaitMove(30), "the re-balancing peer took the uncovered layers");
                int[] healed = awaitCoverage(state, c -> java.util.Arrays.equals(c, new int[] {1, 1, 2, 1, 1}));
                System.out.println("after leaves: coverage " + java.util.Arrays.toString(healed));

                int before = runs.get();
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (runs.get() < before + 2 && System.nanoTime() < deadline) Thread.sleep(50);
                stop.set(true);
                generator.join(30_000);
                assertTrue(problems.isEmpty(), problems.toString());
                assertTrue(runs.get() >= before + 2, "generation kept going after the re-balance: " + runs.get() + " runs");
                System.out.println("generations during join/leave: " + runs.get());
            }
        } finally {
            stop.set(true);
            if (generator != null) generator.join(30_000);
            for (PeerProcess p : peers) p.close();
        }
    }

    /** Waits until the per-layer peer counts in the gossip state satisfy {@code p}. */
    private static int[] awaitCoverage(GossipState state, Predicate<int[]> p) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        int[] c;
        do {
            c = coverage(state);
            if (p.test(c)) return c;
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("coverage stayed " + java.util.Arrays.toString(c));
    }

    static int[] coverage(GossipState state) {
        int[] c = new int[state.layers()];
        for (PeerInfo p : state.peers()) for (int l = p.range().start(); l < p.range().end(); l++) c[l]++;
        return c;
    }
}
