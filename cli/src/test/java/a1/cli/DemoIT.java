package a1.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.cli.demo.ChildJvms;
import a1.spec.testdata.SharedData;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code a1 demo} as a user runs it, in its own JVM: it starts a DHT node, a seeder and three peers as further JVMs,
 * generates llama.cpp's greedy text through the peer chain, agrees with the local run, and leaves no process and no
 * temporary folder behind.
 */
class DemoIT {
    @TempDir
    Path tmp;

    @Test
    void demoGeneratesTheGoldenTextThroughThreePeersAndCleansUp() throws Exception {
        String golden = new ObjectMapper().readTree(SharedData.golden("stories260K-f32.json").toFile()).get("prompts").get(0).get("text").asText();
        String expected = golden.substring(0, golden.indexOf("Lily") + "Lily".length()); // well inside 16 tokens
        Path out = tmp.resolve("out.txt"), err = tmp.resolve("err.txt");
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-Xss4m",
                "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", A1.class.getName(),
                "demo", "--model", SharedData.model("stories260K-f32.gguf").toString(), "-n", "16"));
        Process demo = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(demo.waitFor(150, TimeUnit.SECONDS), "a1 demo did not finish in 150 s; stderr: " + Files.readString(err));
        } finally {
            demo.destroyForcibly().waitFor();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8), stderr = Files.readString(err, StandardCharsets.UTF_8);
        String both = "stdout:\n" + stdout + "\nstderr:\n" + stderr;
        assertEquals(0, demo.exitValue(), both);
        assertTrue(stdout.contains("chain == local: yes"), both);
        assertTrue(stdout.contains("text:   " + expected), both);
        assertTrue(stdout.contains("every layer covered"), both);
        for (String layers : List.of("0-1", "2-3", "4-4")) {
            assertTrue(stderr.matches("(?s).*peer \\d/3 fetched layers " + layers + " \\(\\d+ shards, \\d+ bytes, verified\\).*"), both);
        }

        String marker = "-D" + ChildJvms.MARKER + "=" + demo.pid();
        List<String> survivors = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        assertEquals(List.of(), survivors, "child JVMs of the demo still running");
        Matcher workDir = Pattern.compile("working in (\\S+)").matcher(stderr);
        assertTrue(workDir.find(), both);
        assertFalse(Files.exists(Path.of(workDir.group(1))), "the demo left its folder " + workDir.group(1));
    }
}
