package a1.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server as the official OpenAI Node client (openai@4) sees it: models, a greedy completion equal to llama.cpp's
 * golden text, chat streamed and not, and an error the client turns into an APIError. Needs node and npm (CI has
 * them); without them the test fails rather than skips.
 */
class OpenAiNodeClientTest {
    private static final Path DIR = Path.of("target", "openai-client");

    @Test
    void officialClientTalksToTheServer() throws Exception {
        installClient();
        Golden g = Golden.f32().getFirst();
        try (TestServer server = new TestServer()) {
            String out = run(List.of("node", "client.mjs"), Map.of("A1_BASE_URL", server.base + "/v1", "A1_MODEL", TestServer.MODEL_ID, "A1_PROMPT", g.prompt()), 120);
            JsonNode r = TestServer.JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
            assertEquals(TestServer.MODEL_ID, r.at("/models/0").asText());
            assertEquals(g.text(), r.get("completion").asText());
            assertEquals("length", r.get("completionFinish").asText());
            assertEquals(g.promptIds().length, r.at("/usage/prompt_tokens").asInt());
            assertEquals(64, r.at("/usage/completion_tokens").asInt());
            assertTrue(!r.get("chat").asText().isEmpty());
            assertEquals(r.get("chat").asText(), r.get("chatStream").asText());
            assertEquals("length", r.get("chatStreamFinish").asText());
            assertEquals(400, r.at("/nError/status").asInt(), out);
            assertEquals("n", r.at("/nError/param").asText(), out);
            assertEquals("invalid_request_error", r.at("/nError/type").asText(), out);
        }
    }

    /** npm install once per build directory; later runs reuse target/openai-client/node_modules. */
    private static void installClient() throws Exception {
        Files.createDirectories(DIR);
        try (InputStream in = OpenAiNodeClientTest.class.getResourceAsStream("/openai-client/client.mjs")) {
            Files.copy(in, DIR.resolve("client.mjs"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(DIR.resolve("package.json"))) Files.writeString(DIR.resolve("package.json"), "{\"private\": true, \"type\": \"module\"}\n");
        if (Files.exists(DIR.resolve("node_modules/openai/package.json"))) return;
        run(List.of("npm", "install", "--no-audit", "--no-fund", "openai@4"), Map.of(), 300);
    }

    private static String run(List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
        Path log = DIR.resolve(command.getFirst() + ".log"); // a file, not a pipe: a hung process cannot block the reader
        ProcessBuilder pb = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return fail("'" + command.getFirst() + "' is needed for this test (install Node.js 20 and npm): " + e.getMessage());
        }
        p.getOutputStream().close();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(log));
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) fail(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + text);
        return text;
    }
}
