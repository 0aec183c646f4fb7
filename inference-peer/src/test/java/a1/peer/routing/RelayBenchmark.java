package a1.peer.routing;

import a1.kernels.Parallel;
import a1.peer.LocalModel;
import a1.peer.forward.LayerStack;
import a1.peer.forward.Session;
import a1.peer.generate.Generator;
import a1.peer.kv.KvCache;
import a1.peer.kv.KvType;
import a1.peer.model.ModelWeights;
import a1.peer.node.PeerNode;
import a1.peer.node.PeerOptions;
import a1.peer.relay.PeerConnection;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.peer.sampling.Sampler;
import a1.spec.gguf.GgufFile;
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
 * Decode speed of a three-peer loopback chain against the same model on one node, in the same run, and the relay
 * cost of one hop (round trip of a one-token forward minus the same layers computed in-process).
 * {@code RelayBenchmark [MODEL.gguf] [TOKENS]}; default synth-kb.F32.gguf, 128 tokens. One thread everywhere.
 */
public final class RelayBenchmark {
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
            double single = 0, chain = 0;
            List<SwarmSession.HopStats> hops = List.of();
            boolean same = true;
            List<String> rounds = new ArrayList<>();
            try (SwarmClient client = SwarmClient.open(model, modelId, () -> infos, PeerIdentity.generate(), RelayConfig.defaults(), 30_000, 5_000, Verification.OFF, 1)) {
                // Alternate the two so that JIT warm-up and other load on the machine hit both alike; keep each one's best.
                for (int round = 0; round < 5; round++) {
                    int[] reference;
                    double one, three;
                    try (Session s = m.newSession(prompt.length + tokens + 8, KvType.F16)) {
                        Generator.Result r = Generator.generate(s, prompt, tokens, Sampler.greedy(), t -> false, t -> {});
                        one = r.decodeTokensPerSecond();
                        reference = r.tokens();
                    }
                    try (SwarmSession s = client.newSession(prompt.length + tokens + 8, CacheType.F16, Encoding.F32)) {
                        Generator.Result r = Generator.generate(s, prompt, tokens, Sampler.greedy(), t -> false, t -> {});
                        three = r.decodeTokensPerSecond();
                        hops = s.chain();
                        same &= Arrays.equals(reference, r.tokens());
                    }
                    single = Math.max(single, one);
                    chain = Math.max(chain, three);
                    rounds.add(String.format("%.0f%%", 100 * three / one));
                }
            }
            System.out.printf("model %s (dim %d, %d layers), %d tokens, 1 thread per node%n", model.getFileName(), m.config().dim(), layers, tokens);
            System.out.printf("single node decode: %.1f tok/s (best of 5)%n", single);
            System.out.printf("3-peer chain decode: %.1f tok/s (best of 5; %.1f%% of single node), tokens identical: %s%n", chain, 100 * chain / single, same);
            System.out.printf("chain / single in each round: %s%n", String.join(" ", rounds));
            for (SwarmSession.HopStats h : hops) System.out.printf("  hop %s layers %s: %.3f ms per call%n", h.peerId().substring(0, 8), h.layers(), h.nanos() / 1e6 / h.calls());
            hopLatency(model, modelId, peers.get(1));
        } finally {
            peers.forEach(PeerNode::close);
        }
    }

    /**
     * Round trips of one-token forwards to {@code peer}, each followed by the same layers at the same position
     * computed here, so that both halves of a pair meet the same load on the machine: the difference is the relay's
     * cost (TLS, framing, loopback, thread wake-ups).
     */
    private static void hopLatency(Path model, String modelId, PeerNode peer) throws Exception {
        int n = 400;
        int dim = peer.config().dim();
        float[] x = new float[dim];
        for (int i = 0; i < dim; i++) x[i] = (float) Math.cos(i) * 0.1f;
        long[] remote = new long[n];
        long[] local = new long[n];
        try (PeerConnector c = new PeerConnector(PeerIdentity.generate(), RelayConfig.defaults(), 30_000);
             GgufFile g = GgufFile.open(model); Parallel pool = new Parallel(1)) {
            var config = a1.peer.model.LlamaConfig.from(g.metadata());
            LayerStack stack = new LayerStack(ModelWeights.load(g, config, new ModelWeights.Parts(peer.range(), false, false)), pool);
            KvCache kv = new KvCache(peer.range(), config.kvDim(), n + 1, KvType.F16);
            PeerConnection conn = c.connect(new PeerInfo(peer.identity().hexId(), peer.address(), peer.range(), 0, 0));
            conn.call(new Message.Open(7, modelId, peer.range(), n + 1, Encoding.F32, CacheType.F16));
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                conn.call(new Message.Forward(7, i, new Activations(Encoding.F32, 1, dim, x)));
                long t1 = System.nanoTime();
                stack.forward(x.clone(), 1, i, kv);
                remote[i] = t1 - t0;
                local[i] = System.nanoTime() - t1;
            }
        }
        long[] overhead = new long[n];
        for (int i = 0; i < n; i++) overhead[i] = remote[i] - local[i];
        System.out.printf("hop over loopback, layers %s, %d one-token forwards (positions 0..%d), each paired with the same layers in-process:%n", peer.range(), n, n - 1);
        System.out.printf("  round trip median %.3f ms, p99 %.3f ms; in-process median %.3f ms, p99 %.3f ms%n", pct(remote, 50), pct(remote, 99), pct(local, 50), pct(local, 99));
        System.out.printf("  per-hop relay overhead (round trip - in-process, per pair) median %.3f ms, p99 %.3f ms%n", pct(overhead, 50), pct(overhead, 99));
    }

    private static double pct(long[] v, int p) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }

    private RelayBenchmark() {}
}
