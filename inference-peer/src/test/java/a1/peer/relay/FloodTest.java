package a1.peer.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.LocalModel;
import a1.peer.forward.Session;
import a1.peer.generate.Generator;
import a1.peer.kv.KvType;
import a1.peer.node.PeerNode;
import a1.peer.routing.PeerInfo;
import a1.peer.routing.SwarmClient;
import a1.peer.routing.Verification;
import a1.peer.routing.SwarmSession;
import a1.peer.sampling.Sampler;
import a1.spec.model.LayerRange;
import a1.spec.wire.Activations;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import a1.spec.wire.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Abusive peers flood a serving peer with session opens, large frames and gossip, as fast as their sockets go,
 * while an honest client generates through it: the honest generation completes with the single-node tokens, within
 * a bounded slowdown; the abusers are refused with BUSY once over their per-peer limits, then disconnected.
 */
class FloodTest {
    private static final int[] PROMPT = {1, 100, 200, 300};
    private static final int TOKENS = 48;
    /** Tight per-peer limits, so that the abusers reach them within the test. */
    private static final PeerLimits LIMITS = new PeerLimits(4, 4, 1 << 20, 400, 800, 5, 10, 64, 64L << 20);

    @Test
    void anHonestClientIsServedWhileOthersFlood() throws Exception {
        String modelId = PeerNode.localModelId(LoopbackPeer.MODEL);
        int[] reference;
        try (LocalModel m = LocalModel.open(LoopbackPeer.MODEL, 1); Session s = m.newSession(PROMPT.length + TOKENS + 8, KvType.F16)) {
            reference = Generator.generate(s, PROMPT, TOKENS, Sampler.greedy(), t -> false, t -> {}).tokens();
        }
        RelayConfig config = RelayConfig.defaults().withPerPeer(LIMITS);
        try (PeerNode peer = LoopbackPeer.start(config, LayerRange.parse("0-4")); PeerNode bystander = LoopbackPeer.start(config, LayerRange.parse("0-4"));
             SwarmClient honest = SwarmClient.open(LoopbackPeer.MODEL, modelId, () -> List.of(new PeerInfo(peer.identity().hexId(), peer.address(), peer.range(), 0, 0)),
                     PeerIdentity.generate(), RelayConfig.defaults(), 30_000, 5_000, Verification.OFF, 1)) {
            long quiet = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) quiet = Math.min(quiet, generate(honest, reference));
            // Control: the same flood against another peer on this machine costs the honest client only the CPU
            // the abusers and that peer take from it.
            long control = underFlood(bystander, modelId, honest, reference, "flood on another peer (control)");
            long loaded = underFlood(peer, modelId, honest, reference, "flood on the honest client's peer");
            System.out.printf("flood: honest %d tokens in %.1f ms quiet, %.1f ms with the flood on another peer (%.2fx), %.1f ms with it on its own peer (%.2fx)%n",
                    TOKENS, quiet / 1e6, control / 1e6, (double) control / quiet, loaded / 1e6, (double) loaded / quiet);
            // Loose: the abusers' own threads share this machine's two cores with the honest client and the server.
            assertTrue(loaded < 50 * quiet, "the honest generation slowed down " + (double) loaded / quiet + "x");
        }
    }

    /** Floods {@code target} with three abusers while the honest client generates; returns the generation's time. */
    private static long underFlood(PeerNode target, String modelId, SwarmClient honest, int[] reference, String what) throws Exception {
        int dim = target.config().dim();
        Activations big = new Activations(Encoding.F32, 256, dim, new float[256 * dim]);
        List<FloodClient> abusers = new ArrayList<>();
        List<Thread> floods = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try {
            FloodClient opens = new FloodClient(PeerIdentity.generate(), target.address());
            FloodClient frames = new FloodClient(PeerIdentity.generate(), target.address());
            FloodClient gossip = new FloodClient(PeerIdentity.generate(), target.address());
            abusers.addAll(List.of(opens, frames, gossip));
            floods.add(flood(opens, stop, n -> new Message.Open(n + 1, modelId, target.range(), 256, Encoding.F32, CacheType.F32)));
            floods.add(flood(frames, stop, n -> new Message.Forward(n + 1, 0, big)));
            floods.add(flood(gossip, stop, n -> new Message.Gossip(List.of())));
            Thread.sleep(300); // let the floods reach full speed and run into their limits
            long loaded = generate(honest, reference);
            // The server works through what the abusers sent in order; give it time to reach its verdicts.
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (abusers.stream().anyMatch(FloodClient::isOpen) && System.nanoTime() < deadline) Thread.sleep(50);
            stop.set(true);
            for (Thread t : floods) t.join(10_000);
            System.out.println(what + ":");
            String[] kinds = {"opens", "64 KiB frames", "gossip"};
            for (int i = 0; i < abusers.size(); i++) {
                FloodClient a = abusers.get(i);
                System.out.printf("  abuser (%s): %d sent, %d refused busy, %d answered, disconnected: %s%n", kinds[i], a.sent.get(), a.busy.get(), a.served.get(), !a.isOpen());
            }
            for (FloodClient a : abusers) assertFalse(a.isOpen(), "every abuser was disconnected for sending over its limits");
            // Not asserted here: that a refusal names its limit (RelayServerTest does). An abuser that never reads
            // loses its BUSY replies when the server resets the connection, so counting them here is a race.
            return loaded;
        } finally {
            stop.set(true);
            abusers.forEach(FloodClient::close);
        }
    }

    /** One honest generation through the swarm; its tokens must equal the single node's. Returns its nanoseconds. */
    private static long generate(SwarmClient client, int[] reference) {
        long t0 = System.nanoTime();
        try (SwarmSession s = client.newSession(PROMPT.length + TOKENS + 8, CacheType.F16, Encoding.F32)) {
            assertArrayEquals(reference, Generator.generate(s, PROMPT, TOKENS, Sampler.greedy(), t -> false, t -> {}).tokens());
        }
        return System.nanoTime() - t0;
    }

    private static Thread flood(FloodClient c, AtomicBoolean stop, java.util.function.LongFunction<Message> request) {
        return Thread.ofPlatform().daemon().start(() -> {
            while (!stop.get() && c.isOpen()) c.flood(request, 100);
        });
    }
}
