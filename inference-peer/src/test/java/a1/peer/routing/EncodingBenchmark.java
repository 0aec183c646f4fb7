package a1.peer.routing;

import a1.peer.model.LlamaConfig;
import a1.peer.node.PeerNode;
import a1.peer.node.PeerOptions;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.spec.gguf.GgufFile;
import a1.spec.model.LayerRange;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a lossy relay encoding does to the output: a three-peer loopback chain is fed llama.cpp's golden tokens
 * (teacher forcing) once with F32 activations and once with each other encoding, and every step's logits are
 * compared with the F32 chain's (which equal a single node's). Prints, per golden file and encoding, the largest
 * logit difference, how many steps keep the F32 top-1 token, and the wire bytes per token and hop.
 * {@code EncodingBenchmark [GOLDEN.json ...]}; default the stories260K and synth-kb F32 files.
 */
public final class EncodingBenchmark {
    public static void main(String[] args) throws Exception {
        List<String> goldens = args.length > 0 ? List.of(args) : List.of("stories260K-f32.json", "synth-kb.F32.json");
        System.out.println("| golden file | encoding | bytes per token per hop | max abs logit diff vs F32 | top-1 same as F32 | steps |");
        System.out.println("|---|---|---|---|---|---|");
        for (String golden : goldens) measure(golden);
    }

    private static void measure(String golden) throws Exception {
        Path model = GoldenRun.model(golden);
        String modelId = PeerNode.localModelId(model);
        List<GoldenRun> runs = GoldenRun.read(golden);
        List<PeerNode> peers = new ArrayList<>();
        try {
            int layers;
            try (GgufFile g = GgufFile.open(model)) {
                layers = LlamaConfig.from(g.metadata()).layers();
            }
            for (LayerRange r : LayerRange.split(layers, 3)) peers.add(PeerNode.start(PeerOptions.local(model, modelId, r, List.of())));
            List<PeerInfo> infos = peers.stream().map(p -> new PeerInfo(p.identity().hexId(), p.address(), p.range(), 0, 0)).toList();
            try (SwarmClient client = SwarmClient.open(model, modelId, () -> infos, PeerIdentity.generate(), RelayConfig.defaults(), 30_000, 5_000, Verification.OFF, 1)) {
                List<float[]> reference = logits(client, runs, Encoding.F32);
                int dim = client.config().dim();
                for (Encoding e : Encoding.values()) {
                    List<float[]> got = logits(client, runs, e);
                    double maxDiff = 0;
                    int same = 0;
                    for (int s = 0; s < got.size(); s++) {
                        float[] a = reference.get(s), b = got.get(s);
                        for (int i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
                        if (argmax(a) == argmax(b)) same++;
                    }
                    System.out.printf("| %s | %s | %d | %.2e | %d / %d | %d |%n", golden, e, (long) dim * e.bytesPerValue, maxDiff, same, got.size(), got.size());
                }
            }
        } finally {
            peers.forEach(PeerNode::close);
        }
    }

    /** Each golden prompt, then its generated ids one at a time: the logits after every token fed. */
    private static List<float[]> logits(SwarmClient client, List<GoldenRun> runs, Encoding encoding) {
        List<float[]> out = new ArrayList<>();
        for (GoldenRun g : runs) {
            try (SwarmSession s = client.newSession(g.promptIds().length + g.generatedIds().length + 1, CacheType.F16, encoding)) {
                out.add(s.append(g.promptIds()));
                for (int t : g.generatedIds()) out.add(s.append(new int[] {t}));
            }
        }
        return out;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    private EncodingBenchmark() {}
}
