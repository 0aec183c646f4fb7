package a1.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a llama-bench binary the user built (A1 neither ships nor builds llama.cpp) on the same model, threads and
 * sizes as an A1 measurement, so the two land in one run on one machine and their ratio means something.
 */
final class LlamaBench {
    /** Prefill tokens/s per prompt size, and decode tokens/s. */
    record Result(Map<Integer, Double> prefill, double decode) {}

    private LlamaBench() {}

    /** One repetition (llama-bench warms up first) of every prompt size and of decode. */
    static Result run(Path binary, Path model, int threads, List<Integer> prefills, int decode) throws IOException, InterruptedException {
        String sizes = prefills.stream().map(String::valueOf).collect(Collectors.joining(","));
        List<String> cmd = List.of(binary.toString(), "-m", model.toString(), "-t", Integer.toString(threads),
                "-p", sizes, "-n", Integer.toString(decode), "-r", "1", "-o", "json");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("llama-bench failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + "): " + String.join(" ", cmd));
        }
        return parse(new String(out, StandardCharsets.UTF_8), prefills);
    }

    /** llama-bench's JSON rows: one per prompt size (n_gen 0) and one for decode (n_prompt 0). */
    static Result parse(String json, List<Integer> prefills) throws IOException {
        Map<Integer, Double> pp = new HashMap<>();
        double tg = Double.NaN;
        for (JsonNode row : new ObjectMapper().readTree(json)) {
            if (row.path("n_prompt").asInt() > 0 && row.path("n_gen").asInt() == 0) pp.put(row.path("n_prompt").asInt(), row.path("avg_ts").asDouble());
            if (row.path("n_gen").asInt() > 0 && row.path("n_prompt").asInt() == 0) tg = row.path("avg_ts").asDouble();
        }
        for (int p : prefills) if (!pp.containsKey(p)) throw new IOException("llama-bench printed no prefill row for " + p + " tokens");
        if (Double.isNaN(tg)) throw new IOException("llama-bench printed no decode row");
        return new Result(pp, tg);
    }
}
