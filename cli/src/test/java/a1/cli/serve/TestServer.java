package a1.cli.serve;

import a1.cli.OpenModel;

import a1.peer.LocalModel;
import a1.peer.kv.KvType;
import a1.spec.testdata.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A server on 127.0.0.1 (free port) over stories260K-f32, the model llama.cpp's golden outputs were made with. */
final class TestServer implements AutoCloseable {
    static final Path MODEL = SharedData.model("stories260K-f32.gguf");
    static final String MODEL_ID = "stories260K-f32";
    static final ObjectMapper JSON = new ObjectMapper();

    final ApiServer server;
    final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    TestServer(int ctx, ApiServer.Limits limits) throws Exception {
        this(ctx, limits, b -> b);
    }

    /** A server whose backend is {@code wrap} of the model's, for failures the model itself never has. */
    TestServer(java.util.function.UnaryOperator<CompletionBackend> wrap) throws Exception {
        this(2048, ApiServer.Limits.defaults(), wrap);
    }

    private TestServer(int ctx, ApiServer.Limits limits, java.util.function.UnaryOperator<CompletionBackend> wrap) throws Exception {
        LocalModel m = LocalModel.open(MODEL, 1);
        server = ApiServer.start(wrap.apply(new ModelBackend(OpenModel.local(m, MODEL_ID, ctx, KvType.F16), null)), "127.0.0.1", 0, limits);
        base = "http://127.0.0.1:" + server.address().getPort();
    }

    TestServer() throws Exception {
        this(2048, ApiServer.Limits.defaults());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST that asks "Expect: 100-continue" first, as curl does for large bodies. */
    HttpResponse<String> postExpectingContinue(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).expectContinue(true).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode postOk(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = post(path, body);
        if (r.statusCode() != 200) throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    /** The JSON payloads of an SSE response, in order; the terminating "[DONE]" is returned as a text node. */
    List<JsonNode> stream(String path, String body) throws IOException, InterruptedException {
        HttpResponse<java.util.stream.Stream<String>> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) throw new AssertionError("HTTP " + r.statusCode());
        if (!r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream")) throw new AssertionError("not an event stream: " + r.headers());
        List<JsonNode> events = new ArrayList<>();
        for (String line : (Iterable<String>) r.body()::iterator) {
            if (line.isEmpty()) continue;
            if (!line.startsWith("data: ")) throw new AssertionError("not an SSE data line: " + line);
            String data = line.substring(6);
            events.add(data.equals("[DONE]") ? JSON.getNodeFactory().textNode("[DONE]") : JSON.readTree(data));
        }
        return events;
    }

    @Override
    public void close() {
        server.close();
    }
}
