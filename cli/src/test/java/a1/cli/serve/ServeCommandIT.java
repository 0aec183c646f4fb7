package a1.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import a1.cli.BinA1;
import a1.cli.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/a1 serve} as a separate process, configured through $A1_HOME/config.toml, answering over HTTP. */
class ServeCommandIT {
    @TempDir
    Path home;

    @Test
    void serveTakesItsPortFromTheConfigFileAndAnswersLikeLlamaCpp() throws Exception {
        Files.writeString(home.resolve("config.toml"), "threads = 1\n[serve]\nport = 0 # any free port\nhost = \"127.0.0.1\"\n");
        ProcessBuilder pb = new ProcessBuilder(BinA1.launcher().toString(), "serve", "--model", TestServer.MODEL.toString());
        pb.environment().put("A1_HOME", home.toString());
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            Pattern url = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/v1");
            String base = null;
            for (String line; base == null && (line = err.readLine()) != null; ) {
                Matcher m = url.matcher(line);
                if (m.find()) base = m.group();
            }
            if (base == null) fail("a1 serve exited with " + p.waitFor() + " before listening");
            assertTrue(!base.endsWith(":8080/v1"), "config.toml's port = 0 replaced the default 8080: " + base);

            HttpClient http = HttpClient.newHttpClient();
            Golden g = Golden.f32().get(2);
            String body = TestServer.JSON.writeValueAsString(java.util.Map.of("prompt", g.prompt(), "max_tokens", 64, "temperature", 0));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/completions")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode json = TestServer.JSON.readTree(r.body());
            assertEquals(g.text(), json.at("/choices/0/text").asText());
        } finally {
            // SIGTERM: the shutdown hook closes the server. bin/a1 is a script that does not pass signals on, so the
            // JVM it started is signalled itself (otherwise it outlives the test).
            List<ProcessHandle> jvms = p.descendants().toList();
            jvms.forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
            for (ProcessHandle j : jvms) j.onExit().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void exitCodesThroughTheLauncher() throws Exception {
        assertEquals(ExitCodes.USAGE, BinA1.exec(BinA1.launcher().toString(), "serve"));
        assertEquals(ExitCodes.USAGE, BinA1.exec(BinA1.launcher().toString(), "no-such-command"));
        assertEquals(ExitCodes.FAILURE, BinA1.exec(BinA1.launcher().toString(), "serve", "--model", home.resolve("missing.gguf").toString()));
        assertEquals(ExitCodes.OK, BinA1.exec(BinA1.launcher().toString(), "serve", "--help"));
    }
}
