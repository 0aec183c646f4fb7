package a1.cli.serve;

import a1.cli.OpenModel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.LocalModel;
import a1.peer.chat.ChatTemplate;
import a1.peer.forward.Session;
import a1.peer.kv.KvType;
import a1.peer.tokenizer.Tokenizer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A client that hangs up mid-stream stops its generation: the model is free for the next request at once. */
class ClientDisconnectTest {

    /** The local model, counting the tokens its sessions are fed. */
    private static final class CountingBackend implements CompletionBackend {
        final ModelBackend inner;
        final AtomicInteger appended = new AtomicInteger();

        CountingBackend(ModelBackend inner) {
            this.inner = inner;
        }

        public String modelId() { return inner.modelId(); }
        public Tokenizer tokenizer() { return inner.tokenizer(); }
        public ChatTemplate chatTemplate() { return inner.chatTemplate(); }
        public int contextLength() { return inner.contextLength(); }
        public void close() { inner.close(); }

        public Session newSession() {
            Session s = inner.newSession();
            return new Session() {
                public float[] append(int[] tokens) {
                    appended.addAndGet(tokens.length);
                    return s.append(tokens);
                }
                public int length() { return s.length(); }
                public int capacity() { return s.capacity(); }
                public void close() { s.close(); }
            };
        }
    }

    @Test
    void hangingUpStopsTheGeneration() throws Exception {
        CountingBackend backend = new CountingBackend(new ModelBackend(OpenModel.local(LocalModel.open(TestServer.MODEL, 1), TestServer.MODEL_ID, 2048, KvType.F16), null));
        try (ApiServer server = ApiServer.start(backend, "127.0.0.1", 0, ApiServer.Limits.defaults())) {
            int port = server.address().getPort();
            String body = "{\"prompt\":\"Once upon a time\",\"max_tokens\":2000,\"temperature\":0,\"stream\":true}";
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write(("POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
                InputStream in = s.getInputStream();
                StringBuilder seen = new StringBuilder();
                while (!seen.toString().contains("data: ")) {
                    int b = in.read();
                    if (b < 0) break;
                    seen.append((char) b);
                }
                assertTrue(seen.toString().startsWith("HTTP/1.1 200"), seen.toString());
            } // hang up after the first event
            // The next request waits in the single queue behind the abandoned one, so its answer proves that one ended.
            var http = java.net.http.HttpClient.newHttpClient();
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v1/completions"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"prompt\":\"Hi\",\"max_tokens\":1}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            int fed = backend.appended.get();
            assertTrue(fed < 1000, "the abandoned stream stopped early: " + fed + " tokens fed of up to 2005");
        }
    }
}
