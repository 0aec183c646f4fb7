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
 * {@code RelayBenchmark [MODEL.gguf] [TOKENS]}; default synth-kb.F32.gguf, 128 tokens. One thread everywhere. A
 * second single-node copy of the same weights decodes in turn with the two: on this VM where a copy's memory lands
 * moves its speed by up to ~10% (two copies: 0.90-1.06x), and the chain's peers each hold their own copy, so the
 * copies' ratio is the run's noise floor for the chain's.
 */
public final class RelayBenchmark {
    private static final int WARM_UP = 16;

    public static void main(String[] args) throws Exception {
        Path model = args.length > 0 ? Path.of(args[0]) : SharedData.model("synth-kb.F32.gguf");
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int[] prompt = {1, 100, 200, 300};
        String modelId = PeerNode.localModelId(model);

        List<PeerNode> peers = new ArrayList<>();
        try (LocalModel m = LocalModel.open(model, 1); LocalModel copy = LocalModel.open(model, 1)) {
            int layers = m.config().layers();
            for (LayerRange r : LayerRange.split(layers, 3)) peers.add(PeerNode.start(PeerOptions.local(model, modelId, r, List.of())));
            List<PeerInfo> infos = peers.stream().map(p -> new PeerInfo(p.identity().hexId(), p.address(), p.range(), 0, 0)).toList();
            try (SwarmClient client = SwarmClient.open(model, modelId, () -> infos, PeerIdentity.generate(), RelayConfig.defaults(), 30_000, 5_000, Verification.OFF, 1)) {
                int capacity = prompt.length + WARM_UP + tokens + 8;
                try (Session one = m.newSession(capacity, KvType.F16); SwarmSession three = client.newSession(capacity, CacheType.F16, Encoding.F32);
                        Session twin = copy.newSession(capacity, KvType.F16)) {
                    Session[] sessions = {one, three, twin};
                    Lockstep warm = Lockstep.run(sessions, prompt, WARM_UP); // JIT, pages of the weights, TLS sessions
                    List<SwarmSession.HopStats> before = three.chain();
                    long answering = -answeringNanos(peers);
                    Lockstep run = Lockstep.run(sessions, warm.next(), tokens);
                    answering += answeringNanos(peers);
                    System.out.printf("model %s (dim %d, %d layers), %d tokens after %d untimed, 1 thread per node%n", model.getFileName(), m.config().dim(), layers, tokens, WARM_UP);
                    System.out.printf("single node decode: %.1f tok/s; 3-peer chain decode: %.1f tok/s; a second single-node copy: %.1f tok/s; taken token by token in turn%n",
                            run.tokensPerSecond(0), run.tokensPerSecond(1), run.tokensPerSecond(2));
                    System.out.printf("chain / single: %.1f%% (median of the per-token ratios %.1f%%), tokens identical: %s%n",
                            100 * run.speedOver(1), 100 * median(run.ratios(1)), warm.same && run.same);
                    System.out.printf("second copy / single (where the weights' memory landed, nothing else): %.1f%% (median %.1f%%)%n",
                            100 * run.speedOver(2), 100 * median(run.ratios(2)));
                    List<SwarmSession.HopStats> after = three.chain();
                    long hopNanos = 0;
                    for (int i = 0; i < after.size(); i++) {
                        SwarmSession.HopStats h = after.get(i), b = before.get(i);
                        hopNanos += h.nanos() - b.nanos();
                        System.out.printf("  hop %s layers %s: %.3f ms per call%n", h.peerId().substring(0, 8), h.layers(), (h.nanos() - b.nanos()) / 1e6 / (h.calls() - b.calls()));
                    }
                    double chainMs = sum(run.nanos()[1]) / 1e6 / tokens, hopsMs = hopNanos / 1e6 / tokens, answeringMs = answering / 1e6 / tokens;
                    System.out.printf("  per token: chain %.3f ms, of which hops %.3f ms; single node %.3f ms%n", chainMs, hopsMs, sum(run.nanos()[0]) / 1e6 / tokens);
                    System.out.printf("  the chain's parts per token: peers answering (their layers) %.3f ms, relay (hops - answering) %.3f ms = %.3f ms per hop on average, client (embedding, output head, sampling) %.3f ms%n",
                            answeringMs, hopsMs - answeringMs, (hopsMs - answeringMs) / after.size(), chainMs - hopsMs);
                }
            }
            hopLatency(modelId, peers.get(1));
        } finally {
            peers.forEach(PeerNode::close);
        }
    }

    private static long answeringNanos(List<PeerNode> peers) {
        return peers.stream().mapToLong(PeerNode::forwardNanos).sum();
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
        System.out.printf("  per-hop relay overhead (round trip - answering) median %.3f ms, p90 %.3f ms, p99 %.3f ms, mean %.3f ms%n", pct(overhead, 50), pct(overhead, 90), pct(overhead, 99), Arrays.stream(overhead).average().orElseThrow() / 1e6);
    }

    /**
     * Decodes {@code tokens} greedy tokens in every session, one token in each in turn, the order rotated every
     * token: the machine's memory speed drifts by tens of percent within minutes, and so all meet the same drift.
     * Session 0 is the reference the others are compared with.
     */
    private record Lockstep(long[][] nanos, boolean same, int[] next) {
        static Lockstep run(Session[] sessions, int[] first, int tokens) {
            int n = sessions.length;
            long[][] nanos = new long[n][tokens];
            int[][] next = new int[n][];
            Arrays.fill(next, first);
            boolean same = true;
            for (int i = 0; i < tokens; i++) {
                for (int k = 0; k < n; k++) {
                    int s = (i + k) % n;
                    long t0 = System.nanoTime();
                    float[] logits = sessions[s].append(next[s]);
                    nanos[s][i] = System.nanoTime() - t0;
                    next[s] = new int[] {Sampler.greedy().sample(logits)};
                }
                for (int s = 1; s < n; s++) same &= next[s][0] == next[0][0];
            }
            return new Lockstep(nanos, same, next[0]);
        }

        double tokensPerSecond(int s) {
            return nanos[s].length * 1e9 / sum(nanos[s]);
        }

        /** Session s's speed over the reference's, in total time. */
        double speedOver(int s) {
            return (double) sum(nanos[0]) / sum(nanos[s]);
        }

        /** Per token, the reference's time over session s's. */
        double[] ratios(int s) {
            double[] r = new double[nanos[0].length];
            for (int i = 0; i < r.length; i++) r[i] = (double) nanos[0][i] / nanos[s][i];
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
