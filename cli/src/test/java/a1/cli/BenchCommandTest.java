package a1.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.testdata.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code a1 bench} on the real stories260K: one row per prompt size, and llama-bench's rows matched by size. */
class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneJsonRowPerPromptSizeWithTheSameDecode() throws Exception {
        CliTest.Run r = CliTest.run("", "bench", "-m", SharedData.model("stories260K-f32.gguf").toString(), "-t", "1", "-p", "4,8", "-n", "3", "-r", "2", "--json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<JsonNode> rows = r.out().lines().map(BenchCommandTest::json).toList();
        assertEquals(2, rows.size(), r.out());
        assertEquals(List.of(4, 8), rows.stream().map(n -> n.get("prefill_tokens").asInt()).toList());
        for (JsonNode row : rows) {
            assertEquals("F32", row.get("type").asText());
            assertEquals(1, row.get("threads").asInt());
            assertTrue(row.get("prefill_tok_s").asDouble() > 0, row.toString());
            assertEquals(rows.get(0).get("decode_tok_s").asDouble(), row.get("decode_tok_s").asDouble());
            assertTrue(row.get("bound_decode_tok_s").asDouble() > 0, row.toString());
        }
    }

    @Test
    void badInputFailsBeforeTheTableWithOneLine(@TempDir Path dir) throws Exception {
        Path truncated = dir.resolve("truncated.gguf");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(SharedData.model("stories260K-f32.gguf")), 1000));
        CliTest.Run r = CliTest.run("", "bench", "-m", truncated.toString(), "-t", "1", "-p", "4", "-n", "2", "-r", "1");
        assertEquals(ExitCodes.FAILURE, r.code());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("a1 bench: truncated.gguf: "), r.err());

        r = CliTest.run("", "bench", "-m", SharedData.model("stories260K-f32.gguf").toString(), "-p", "2000000000");
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("", r.out());
        assertEquals("a1 bench: -p and -n must be below the model's context of 2048 tokens, not 2000000000", r.err().strip());

        r = CliTest.run("", "bench", "-m", SharedData.model("stories260K-f32.gguf").toString(), "--llama-bench", dir.resolve("none").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("--llama-bench: " + dir.resolve("none") + " is not an executable file"), r.err());

        r = CliTest.run("", "bench", "-m", SharedData.model("stories260K-f32.gguf").toString(), "-t", "1,0");
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("", r.out());
        assertEquals("a1 bench: --threads must be between 1 and 1024, not 0", r.err().strip());
    }

    @Test
    void llamaBenchRowsAreMatchedByPromptSize(@TempDir Path dir) throws Exception {
        // Stands in for a llama-bench binary: prints rows shaped like its "-o json" output, and the arguments it got.
        Path fake = dir.resolve("llama-bench");
        Files.writeString(fake, """
                #!/bin/sh
                echo "$@" > "$(dirname "$0")/args"
                echo '[{"n_prompt": 8, "n_gen": 0, "avg_ts": 80.5}, {"n_prompt": 4, "n_gen": 0, "avg_ts": 40.25}, {"n_prompt": 0, "n_gen": 3, "avg_ts": 12.5}]'
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        Path model = SharedData.model("stories260K-f32.gguf");
        LlamaBench.Result r = LlamaBench.run(fake, model, 2, List.of(4, 8), 3);
        assertEquals(40.25, r.prefill().get(4));
        assertEquals(80.5, r.prefill().get(8));
        assertEquals(12.5, r.decode());
        assertEquals("-m " + model + " -t 2 -p 4,8 -n 3 -r 1 -o json", Files.readString(dir.resolve("args")).strip());
    }

    @Test
    void llamaBenchRunsOncePerRoundAndTheRatioIsTheMedianOfTheRounds(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("llama-bench");
        Files.writeString(fake, """
                #!/bin/sh
                echo run >> "$(dirname "$0")/runs"
                echo '[{"n_prompt": 4, "n_gen": 0, "avg_ts": 40.0}, {"n_prompt": 0, "n_gen": 3, "avg_ts": 12.5}]'
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        CliTest.Run r = CliTest.run("", "bench", "-m", SharedData.model("stories260K-f32.gguf").toString(), "-t", "1", "-p", "4", "-n", "3", "-r", "3",
                "--json", "--llama-bench", fake.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(3, Files.readAllLines(dir.resolve("runs")).size());
        JsonNode row = json(r.out().strip());
        assertEquals(3, row.get("rounds").asInt());
        assertEquals(12.5, row.get("llama_decode_tok_s").asDouble());
        double[] decodeRatios = ratios(row.get("decode_ratios"));
        double[] prefillRatios = ratios(row.get("prefill_ratios"));
        assertEquals(3, decodeRatios.length);
        assertEquals(Stats.median(decodeRatios), row.get("decode_ratio").asDouble());
        assertEquals(Stats.median(prefillRatios), row.get("prefill_ratio").asDouble());
        assertTrue(row.get("decode_tok_s").asDouble() > 0, row.toString());
    }

    private static double[] ratios(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) v[i] = array.get(i).asDouble();
        return v;
    }

    @Test
    void aMissingPromptSizeInLlamaBenchOutputIsAClearError() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> LlamaBench.parse("[{\"n_prompt\": 4, \"n_gen\": 0, \"avg_ts\": 1.0}, {\"n_prompt\": 0, \"n_gen\": 3, \"avg_ts\": 2.0}]", List.of(4, 512)));
        assertEquals("llama-bench printed no prefill row for 512 tokens", e.getMessage());
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON row: " + line, e);
        }
    }
}
