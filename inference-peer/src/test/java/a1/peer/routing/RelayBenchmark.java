package a1.peer.routing;

import a1.peer.LocalModel;
import a1.peer.forward.Session;
import a1.peer.kv.KvType;
import a1.peer.node.PeerNode;
import a1.peer.node.PeerOptions;
import a1.peer.relay.PeerConnection;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.peer.sampling.Sampler;
import a1.spec.model.LayerRange;
import a1.spec.testdata.SharedData;
import a1.spec.wire.Activations;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import a1.spec.wire.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decode speed of a three-peer loopback chain against the same model on one node, token by token in turn, and the
 * relay cost of one hop (round trip of a one-token forward minus the time the peer spent answering it).
 * {@code RelayBenchmark [MODEL.gguf] [TOKENS]}; default synth-kb.F32.gguf, 128 tokens. One thread everywhere.
 */
public final class RelayBenchmark {
    private static final int WARM_UP = 16;

    public static void main(String[] args) throws Exception {
        Path model = args.length > 0 ? Path.of(args[0]) : SharedData.model("synth-kb.F32.gguf");
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int[] prompt = {1, 100, 200, 300};
        String modelId = PeerNode.localModelId(model);

        List<PeerNode> peers = new ArrayList<>();
        try (LocalModel m = LocalModel.open(model, 1)) {
            int layers = m.config().layers();
            for (LayerRange r : LayerRange.split(layers, 3)) peers.add(PeerNode.start(PeerOptions.local(model, modelId, r, List.of())));
            List<PeerInfo> infos = peers.stream().map(p -> new PeerInfo(p.identity().hexId(), p.address(), p.range(), 0, 0)).toList();
            try (SwarmClient client = SwarmClient.open(model, modelId, () -> infos, PeerIdentity.generate(), RelayConfig.defaults(), 30_000, 5_000, Verification.OFF, 1)) {
                int capacity = prompt.length + WARM_UP + tokens + 8;
                try (Session one = m.newSession(capacity, KvType.F16); SwarmSession three = client.newSession(capacity, CacheType.F16, Encoding.F32)) {
                    Lockstep warm = Lockstep.run(one, three, prompt, WARM_UP); // JIT, pages of the weights, TLS sessions
                    List<SwarmSession.HopStats> before = three.chain();
                    Lockstep run = Lockstep.run(one, three, warm.next(), tokens);
                    System.out.printf("model %s (dim %d, %d layers), %d tokens after %d untimed, 1 thread per node%n", model.getFileName(), m.config().dim(), layers, tokens, WARM_UP);
                    System.out.printf("single node decode: %.1f tok/s; 3-peer chain decode: %.1f tok/s, taken token by token in turn%n", run.tokensPerSecond(run.single), run.tokensPerSecond(run.chain));
                    System.out.printf("chain / single: %.1f%% (median of the per-token ratios %.1f%%), tokens identical: %s%n",
                            100.0 * sum(run.single) / sum(run.chain), 100 * median(run.ratios()), warm.same && run.same);
                    List<SwarmSession.HopStats> after = three.chain();
                    long hopNanos = 0;
                    for (int i = 0; i < after.size(); i++) {
                        SwarmSession.HopStats h = after.get(i), b = before.get(i);
                        hopNanos += h.nanos() - b.nanos();
                        System.out.printf("  hop %s layers %s: %.3f ms per call%n", h.peerId().substring(0, 8), h.layers(), (h.nanos() - b.nanos()) / 1e6 / (h.calls() - b.calls()));
                    }
                    System.out.printf("  per token: chain %.3f ms, of which hops %.3f ms; single node %.3f ms%n", sum(run.chain) / 1e6 / tokens, hopNanos / 1e6 / tokens, sum(run.single) / 1e6 / tokens);
                }
            }
            hopLatency(modelId, peers.get(1));
        } finally {
            peers.forEach(PeerNode::close);
        }
    }

    /**
     * Round trips of one-token forwards to {@code peer}, each less the time the peer spent answering it (its layers
     * included): the relay's cost (TLS, framing, loopback, thread wake-ups).
     */
    private static void hopLatency(String modelId, PeerNode peer) throws Exception {
        int n = 400;
        int dim = peer.config().dim();
        float[] x = new float[dim];
        for (int i = 0; i < dim; i++) x[i] = (float) Math.cos(i) * 0.1f;
        long[] trip = new long[n];
        long[] served = new long[n];
        long[] overhead = new long[n];
        try (PeerConnector c = new PeerConnector(PeerIdentity.generate(), RelayConfig.defaults(), 30_000)) {
            PeerConnection conn = c.connect(new PeerInfo(peer.identity().hexId(), peer.address(), peer.range(), 0, 0));
            conn.call(new Message.Open(7, modelId, peer.range(), n + 1, Encoding.F32, CacheType.F16));
            for (int i = 0; i < n; i++) {
                long busy = peer.forwardNanos();
                long t0 = System.nanoTime();
                conn.call(new Message.Forward(7, i, new Activations(Encoding.F32, 1, dim, x)));
                trip[i] = System.nanoTime() - t0;
                served[i] = peer.forwardNanos() - busy;
                overhead[i] = trip[i] - served[i];
            }
        }
        System.out.printf("hop over loopback, layers %s, %d one-token forwards (positions 0..%d):%n", peer.range(), n, n - 1);
        System.out.printf("  round trip median %.3f ms, p99 %.3f ms; answering in the peer median %.3f ms, p99 %.3f ms%n", pct(trip, 50), pct(trip, 99), pct(served, 50), pct(served, 99));
        System.out.printf("  per-hop relay overhead (round trip - answering) median %.3f ms, p90 %.3f ms, p99 %.3f ms%n", pct(overhead, 50), pct(overhead, 90), pct(overhead, 99));
    }

    /**
     * Decodes {@code tokens} greedy tokens in both sessions, one token in one and then in the other, the order
     * swapped every token: the machine's memory speed drifts by tens of percent within minutes, and so both meet
     * the same drift.
     */
    private record Lockstep(long[] single, long[] chain, boolean same, int[] next) {
        static Lockstep run(Session one, Session three, int[] first, int tokens) {
            Session[] sessions = {one, three};
            long[][] nanos = new long[2][tokens];
            int[][] next = {first, first};
            boolean same = true;
            for (int i = 0; i < tokens; i++) {
                for (int k = 0; k < 2; k++) {
                    int s = (i + k) % 2;
                    long t0 = System.nanoTime();
                    float[] logits = sessions[s].append(next[s]);
                    nanos[s][i] = System.nanoTime() - t0;
                    next[s] = new int[] {Sampler.greedy().sample(logits)};
                }
                same &= next[0][0] == next[1][0];
            }
            return new Lockstep(nanos[0], nanos[1], same, next[0]);
        }

        double tokensPerSecond(long[] nanos) {
            return nanos.length * 1e9 / sum(nanos);
        }

        double[] ratios() {
            double[] r = new double[single.length];
            for (int i = 0; i < r.length; i++) r[i] = (double) single[i] / chain[i];
            return r;
        }
    }

    private static long sum(long[] v) {
        return Arrays.stream(v).sum();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double pct(long[] v, int p) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }

    private RelayBenchmark() {}
}
