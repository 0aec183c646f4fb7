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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code a1 bench}: prefill and decode speed, measured like llama-bench: prefill is one batch of {@code -p} tokens
 * (each size of the list), decode is {@code -n} tokens one at a time from an empty context. After a warm-up,
 * {@code -r} rounds each run decode and every prefill once (and llama-bench once, with {@code --llama-bench}).
 * One row per thread count and prompt size; its decode figures are the same for every prompt size.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure prefill and decode tokens/s of a model.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE.gguf", description = "The model: a GGUF file.")
    Path model;

    @Option(names = {"-t", "--threads"}, split = ",", paramLabel = "T", description = "Thread counts to measure, e.g. 1,2 (default: all cores).")
    List<Integer> threads;

    @Option(names = "-p", split = ",", defaultValue = "128", paramLabel = "P",
            description = "Prompt sizes for the prefill test, e.g. 128,512 (default: ${DEFAULT-VALUE}).")
    List<Integer> prefills;

    @Option(names = "-n", defaultValue = "64", description = "Tokens for the decode test (default: ${DEFAULT-VALUE}).")
    int decode;

    @Option(names = "-r", defaultValue = "3", description = "Repetitions of each test (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--json", description = "One JSON object per line: model, type, threads, prefill_tok_s, decode_tok_s.")
    boolean json;

    @Option(names = "--llama-bench", paramLabel = "PATH",
            description = "Also run this llama-bench binary on the same file, threads and sizes, once per round beside A1's tests, and report the median of the rounds' ratios.")
    Path llamaBench;

    @Override
    public Integer call() throws Exception {
        if (prefills.stream().anyMatch(p -> p < 1) || decode < 1 || reps < 1) throw new IllegalArgumentException("-p, -n and -r must be >= 1");
        List<Integer> counts = threads == null ? List.of(Runtime.getRuntime().availableProcessors()) : threads;
        counts.forEach(ThreadsOption::checked);
        // Bad input fails before the table starts, not after minutes of A1's runs.
        int context = a1.peer.model.LlamaConfig.read(model).contextLength();
        int longest = Math.max(decode, prefills.stream().max(Integer::compare).orElseThrow());
        if (longest >= context) throw new IllegalArgumentException("-p and -n must be below the model's context of " + context + " tokens, not " + longest);
        if (llamaBench != null && !java.nio.file.Files.isExecutable(llamaBench)) throw new IllegalArgumentException("--llama-bench: " + llamaBench + " is not an executable file");
        if (!json) System.out.printf("%-28s %-6s %7s %6s %14s %14s %9s %11s%n", "model", "type", "threads", "prompt", "prefill tok/s", "decode tok/s", "bound", "of bound");
        for (int t : counts) {
            try (LocalModel m = LocalModel.open(model, t)) {
                String type = dominantType(m).toString();
                SplittableRandom rnd = new SplittableRandom(42);
                // Warm-up: JIT-compiles the same paths (every size runs the same kernels) and loads the pages.
                prefill(m, prefills.stream().min(Integer::compare).orElseThrow(), rnd);
                decode(m, decode, rnd);
                List<Round> rounds = new ArrayList<>();
                for (int r = 0; r < reps; r++) rounds.add(round(m, t, r % 2 == 1, rnd));
                long bytes = bytesPerToken(m);
                for (int p : prefills) print(row(type, t, p, rounds, bytes));
            }
        }
        return ExitCodes.OK;
    }

    /**
     * One repetition of every test, A1's and llama-bench's next to each other: this machine's memory speed drifts by
     * tens of percent within minutes, so each ratio is taken within a round, and who goes first alternates.
     */
    private Round round(LocalModel m, int threads, boolean llamaFirst, SplittableRandom rnd) throws Exception {
        LlamaBench.Result ref = llamaBench != null && llamaFirst ? LlamaBench.run(llamaBench, model, threads, prefills, decode) : null;
        double tg = decode(m, decode, rnd);
        Map<Integer, Double> pp = new LinkedHashMap<>();
        for (int p : prefills) pp.put(p, prefill(m, p, rnd));
        // Decode reads every weight once per token (the embedding only one row): its speed limit. Best of 12 passes:
        // single passes over 1 GB vary by up to 1.5x on a shared machine.
        double bandwidth;
        try (Parallel pool = new Parallel(threads)) {
            bandwidth = MemoryBandwidth.measure(pool, 1L << 30, 12);
        }
        if (llamaBench != null && !llamaFirst) ref = LlamaBench.run(llamaBench, model, threads, prefills, decode);
        return new Round(tg, pp, bandwidth, ref);
    }

    /** One round's tokens/s, bandwidth and, with --llama-bench, llama-bench's tokens/s. */
    private record Round(double decode, Map<Integer, Double> prefill, double bandwidth, LlamaBench.Result ref) {}

    /** The row of prompt size {@code p}: means over the rounds, and the medians of the per-round ratios. */
    private Map<String, Object> row(String type, int threads, int p, List<Round> rounds, long bytesPerToken) {
        double[] pp = values(rounds, r -> r.prefill().get(p));
        double[] tg = values(rounds, Round::decode);
        double[] bound = values(rounds, r -> r.bandwidth() / bytesPerToken);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", model.getFileName().toString());
        row.put("type", type);
        row.put("threads", threads);
        row.put("prefill_tokens", p);
        row.put("decode_tokens", decode);
        row.put("rounds", rounds.size());
        row.put("prefill_tok_s", round(Stats.mean(pp)));
        row.put("prefill_tok_s_sd", round(Stats.sd(pp)));
        row.put("decode_tok_s", round(Stats.mean(tg)));
        row.put("decode_tok_s_sd", round(Stats.sd(tg)));
        row.put("bandwidth_gb_s", round(Stats.median(values(rounds, r -> r.bandwidth() / 1e9))));
        row.put("bound_decode_tok_s", round(Stats.median(bound)));
        // Three decimals: the text table prints it as a percentage.
        row.put("decode_vs_bound", Math.round(1000 * Stats.median(values(rounds, r -> r.decode() * bytesPerToken / r.bandwidth()))) / 1000.0);
        if (llamaBench != null) {
            double[] prefillRatios = values(rounds, r -> r.prefill().get(p) / r.ref().prefill().get(p));
            double[] decodeRatios = values(rounds, r -> r.decode() / r.ref().decode());
            row.put("llama_prefill_tok_s", round(Stats.mean(values(rounds, r -> r.ref().prefill().get(p)))));
            row.put("llama_decode_tok_s", round(Stats.mean(values(rounds, r -> r.ref().decode()))));
            row.put("prefill_ratio", round(Stats.median(prefillRatios)));
            row.put("decode_ratio", round(Stats.median(decodeRatios)));
            row.put("prefill_ratios", Arrays.stream(prefillRatios).map(BenchCommand::round).toArray());
            row.put("decode_ratios", Arrays.stream(decodeRatios).map(BenchCommand::round).toArray());
        }
        return row;
    }

    private static double[] values(List<Round> rounds, ToDoubleFunction<Round> f) {
        return rounds.stream().mapToDouble(f).toArray();
    }

    private void print(Map<String, Object> row) throws Exception {
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(row));
            return;
        }
        System.out.printf("%-28s %-6s %7d %6d %8.1f ± %-4.1f %8.2f ± %-4.2f %9.2f %10.1f%%%n", row.get("model"), row.get("type"), row.get("threads"),
                row.get("prefill_tokens"), row.get("prefill_tok_s"), row.get("prefill_tok_s_sd"), row.get("decode_tok_s"), row.get("decode_tok_s_sd"),
                row.get("bound_decode_tok_s"), 100 * (double) row.get("decode_vs_bound"));
        if (row.containsKey("llama_decode_tok_s")) {
            System.out.printf("%-28s %-6s %7d %6d %14.1f %14.2f %9s %11s   A1/llama.cpp, median of %d rounds: prefill %.2fx (%s), decode %.2fx (%s)%n",
                    "  llama.cpp", row.get("type"), row.get("threads"), row.get("prefill_tokens"), row.get("llama_prefill_tok_s"),
                    row.get("llama_decode_tok_s"), "", "", row.get("rounds"), row.get("prefill_ratio"), range((double[]) row.get("prefill_ratios")),
                    row.get("decode_ratio"), range((double[]) row.get("decode_ratios")));
        }
    }

    /** "lowest–highest" of the rounds' ratios. */
    private static String range(double[] ratios) {
        return String.format("%.2f–%.2f", Arrays.stream(ratios).min().orElseThrow(), Arrays.stream(ratios).max().orElseThrow());
    }

    /** Tokens/s of one prefill of {@code p} random tokens into an empty context. */
    private static double prefill(LocalModel m, int p, SplittableRandom rnd) {
        int[] prompt = rnd.ints(p, 0, m.config().vocabSize()).toArray();
        try (Session s = m.newSession(p + 1, KvType.F16)) {
            long t0 = System.nanoTime();
            s.append(prompt);
            return p * 1e9 / (System.nanoTime() - t0);
        }
    }

    /** Tokens/s of {@code n} random tokens decoded one at a time from an empty context. */
    private static double decode(LocalModel m, int n, SplittableRandom rnd) {
        int vocab = m.config().vocabSize();
        try (Session s = m.newSession(n + 1, KvType.F16)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) s.append(new int[] {rnd.nextInt(vocab)});
            return n * 1e9 / (System.nanoTime() - t0);
        }
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

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
