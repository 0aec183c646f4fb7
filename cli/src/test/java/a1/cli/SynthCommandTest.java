package a1.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.model.LlamaConfig;
import a1.spec.testdata.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code a1 synth}: a small model A1 loads, and shapes it cannot write refused in one line before anything is written. */
class SynthCommandTest {
    private static final String VOCAB = SharedData.model("stories260K-f32.gguf").toString();

    @Test
    void writesAModelOfTheAskedShape(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m.gguf");
        CliTest.Run r = CliTest.run("", "synth", "--out", out.toString(), "--vocab-from", VOCAB, "--dim", "64", "--ffn", "128", "--heads", "4", "--kv-heads", "2", "--layers", "3");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        LlamaConfig c = LlamaConfig.read(out);
        assertEquals(64, c.dim());
        assertEquals(3, c.layers());
        assertEquals(512, c.vocabSize());
    }

    @Test
    void badShapesAreOneLineUsageErrors(@TempDir Path dir) {
        Path out = dir.resolve("m.gguf");
        String[][] cases = {
            {"--kv-heads", "0"}, {"--layers", "0"}, {"--layers", "-1"}, {"--dim", "0"},
            {"--dim", "2000000000"}, // its size overflows a long
            {"--dim", "64", "--ffn", "64", "--heads", "4", "--kv-heads", "2", "--layers", "100000000"}, // 2.6 TB: more than the disk has
        };
        for (String[] c : cases) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("synth", "--out", out.toString(), "--vocab-from", VOCAB));
            args.addAll(java.util.List.of(c));
            CliTest.Run r = CliTest.run("", args.toArray(String[]::new));
            assertEquals(ExitCodes.USAGE, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("a1 synth: "), r.err());
            assertFalse(Files.exists(out), String.join(" ", c));
        }
    }
}
