package a1.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a llama-bench binary the user built (A1 neither ships nor builds llama.cpp) on the same model, threads and
 * sizes as an A1 measurement, so the two land in one run on one machine and their ratio means something.
 */
final class LlamaBench {
    record Result(double prefill, double decode) {}

    private LlamaBench() {}

    static Result run(Path binary, Path model, int threads, int prefill, int decode, int reps) throws IOException, InterruptedException {
        List<String> cmd = List.of(binary.toString(), "-m", model.toString(), "-t", Integer.toString(threads),
                "-p", Integer.toString(prefill), "-n", Integer.toString(decode), "-r", Integer.toString(reps), "-o", "json");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("llama-bench failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + "): " + String.join(" ", cmd));
        }
        double pp = Double.NaN, tg = Double.NaN;
        for (JsonNode row : new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8))) {
            if (row.path("n_prompt").asInt() > 0 && row.path("n_gen").asInt() == 0) pp = row.path("avg_ts").asDouble();
            if (row.path("n_gen").asInt() > 0 && row.path("n_prompt").asInt() == 0) tg = row.path("avg_ts").asDouble();
        }
        if (Double.isNaN(pp) || Double.isNaN(tg)) throw new IOException("llama-bench printed no prefill and decode rows");
        return new Result(pp, tg);
    }
}
