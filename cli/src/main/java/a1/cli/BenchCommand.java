package a1.cli;

import a1.kernels.MemoryBandwidth;
import a1.kernels.Parallel;
import a1.peer.LocalModel;
import a1.peer.forward.Session;
import a1.peer.kv.KvType;
import a1.spec.gguf.GgmlType;
import a1.spec.gguf.GgufTensorInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code a1 bench}: prefill and decode speed, measured like llama-bench: prefill is one batch of {@code -p} tokens,
 * decode is {@code -n} tokens one at a time from an empty context, each repeated {@code -r} times after a warm-up.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure prefill and decode tokens/s of a model.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE.gguf", description = "The model: a GGUF file.")
    Path model;

    @Option(names = {"-t", "--threads"}, split = ",", paramLabel = "T", description = "Thread counts to measure, e.g. 1,2 (default: all cores).")
    List<Integer> threads;

    @Option(names = "-p", defaultValue = "128", description = "Prompt tokens for the prefill test (default: ${DEFAULT-VALUE}).")
    int prefill;

    @Option(names = "-n", defaultValue = "64", description = "Tokens for the decode test (default: ${DEFAULT-VALUE}).")
    int decode;

    @Option(names = "-r", defaultValue = "3", description = "Repetitions of each test (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--json", description = "One JSON object per line: model, type, threads, prefill_tok_s, decode_tok_s.")
    boolean json;

    @Option(names = "--llama-bench", paramLabel = "PATH",
            description = "Also run this llama-bench binary on the same file, threads and sizes, right after each A1 run, and report the ratios.")
    Path llamaBench;

    @Override
    public Integer call() throws Exception {
        if (prefill < 1 || decode < 1 || reps < 1) throw new IllegalArgumentException("-p, -n and -r must be >= 1");
        List<Integer> counts = threads == null ? List.of(Runtime.getRuntime().availableProcessors()) : threads;
        if (!json) System.out.printf("%-28s %-6s %7s %14s %14s %9s %11s%n", "model", "type", "threads", "prefill tok/s", "decode tok/s", "bound", "of bound");
        for (int t : counts) {
            try (LocalModel m = LocalModel.open(model, t)) {
                String type = dominantType(m).toString();
                SplittableRandom rnd = new SplittableRandom(42);
                measure(m, prefill, decode, rnd); // warm-up at full size: JIT-compiles the same paths and loads the pages
                double[] pp = new double[reps];
                double[] tg = new double[reps];
                for (int i = 0; i < reps; i++) {
                    double[] r = measure(m, prefill, decode, rnd);
                    pp[i] = r[0];
                    tg[i] = r[1];
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", model.getFileName().toString());
                row.put("type", type);
                row.put("threads", t);
                row.put("prefill_tokens", prefill);
                row.put("decode_tokens", decode);
                row.put("prefill_tok_s", round(mean(pp)));
                row.put("prefill_tok_s_sd", round(sd(pp)));
                row.put("decode_tok_s", round(mean(tg)));
                row.put("decode_tok_s_sd", round(sd(tg)));
                // Decode reads every weight once per token (the embedding only one row): its speed limit.
                double bandwidth;
                try (Parallel pool = new Parallel(t)) {
                    bandwidth = MemoryBandwidth.measure(pool, 1L << 30, 3);
                }
                double bound = bandwidth / bytesPerToken(m);
                row.put("bandwidth_gb_s", round(bandwidth / 1e9));
                row.put("bound_decode_tok_s", round(bound));
                row.put("decode_vs_bound", round(mean(tg) / bound));
                if (llamaBench != null) {
                    LlamaBench.Result ref = LlamaBench.run(llamaBench, model, t, prefill, decode, reps);
                    row.put("llama_prefill_tok_s", round(ref.prefill()));
                    row.put("llama_decode_tok_s", round(ref.decode()));
                    row.put("prefill_ratio", round(mean(pp) / ref.prefill()));
                    row.put("decode_ratio", round(mean(tg) / ref.decode()));
                }
                if (json) System.out.println(new ObjectMapper().writeValueAsString(row));
                else {
                    System.out.printf("%-28s %-6s %7d %8.1f ± %-4.1f %8.2f ± %-4.2f %9.2f %10.1f%%%n", model.getFileName(), type, t,
                            mean(pp), sd(pp), mean(tg), sd(tg), bound, 100 * mean(tg) / bound);
                    if (row.containsKey("llama_decode_tok_s")) {
                        System.out.printf("%-28s %-6s %7d %14.1f %14.2f %9s %11s   A1/llama.cpp: prefill %.2fx, decode %.2fx%n", "  llama.cpp", type, t,
                                row.get("llama_prefill_tok_s"), row.get("llama_decode_tok_s"), "", "", row.get("prefill_ratio"), row.get("decode_ratio"));
                    }
                }
            }
        }
        return ExitCodes.OK;
    }

    /** One prefill of {@code p} tokens and one decode of {@code n} tokens; returns tokens/s of each. */
    private static double[] measure(LocalModel m, int p, int n, SplittableRandom rnd) {
        int vocab = m.config().vocabSize();
        int[] prompt = rnd.ints(p, 0, vocab).toArray();
        double pp;
        try (Session s = m.newSession(p + 1, KvType.F16)) {
            long t0 = System.nanoTime();
            s.append(prompt);
            pp = p * 1e9 / (System.nanoTime() - t0);
        }
        double tg;
        try (Session s = m.newSession(n + 1, KvType.F16)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) s.append(new int[] {rnd.nextInt(vocab)});
            tg = n * 1e9 / (System.nanoTime() - t0);
        }
        return new double[] {pp, tg};
    }

    /** Bytes of weights one decoded token reads: every tensor, but only one row of an embedding that is not also the head. */
    static long bytesPerToken(LocalModel m) {
        boolean tied = !m.gguf().hasTensor("output.weight");
        long bytes = 0;
        for (GgufTensorInfo t : m.gguf().tensors()) {
            bytes += t.name().equals("token_embd.weight") && !tied ? t.byteSize() / t.dim(1) : t.byteSize();
        }
        return bytes;
    }

    /** The weight type holding most of the model's bytes, as llama-bench labels a file. */
    static GgmlType dominantType(LocalModel m) {
        Map<GgmlType, Long> bytes = new EnumMap<>(GgmlType.class);
        for (GgufTensorInfo t : m.gguf().tensors()) if (t.rank() == 2) bytes.merge(t.type(), t.byteSize(), Long::sum);
        return bytes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(GgmlType.F32);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private static double sd(double[] v) {
        if (v.length < 2) return 0;
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
