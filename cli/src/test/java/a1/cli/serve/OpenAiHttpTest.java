package a1.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible endpoints driven over real HTTP with java.net.http, checked against llama.cpp's outputs. */
class OpenAiHttpTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String json(Object... keyValues) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return TestServer.JSON.writeValueAsString(m);
    }

    @Test
    void greedyCompletionEqualsLlamaCppGoldenText() throws Exception {
        for (Golden g : Golden.f32()) {
            JsonNode r = server.postOk("/v1/completions", json("model", TestServer.MODEL_ID, "prompt", g.prompt(), "max_tokens", 64, "temperature", 0));
            assertEquals("text_completion", r.get("object").asText());
            assertEquals(g.text(), r.at("/choices/0/text").asText(), g.prompt());
            assertEquals("length", r.at("/choices/0/finish_reason").asText());
            assertEquals(g.promptIds().length, r.at("/usage/prompt_tokens").asInt());
            assertEquals(64, r.at("/usage/completion_tokens").asInt());
            assertEquals(g.promptIds().length + 64, r.at("/usage/total_tokens").asInt());
        }
    }

    @Test
    void tokenIdPromptGivesTheSameText() throws Exception {
        Golden g = Golden.f32().getFirst();
        JsonNode r = server.postOk("/v1/completions", json("prompt", g.promptIds(), "max_tokens", 64, "temperature", 0));
        assertEquals(g.text(), r.at("/choices/0/text").asText());
    }

    @Test
    void streamedCompletionConcatenatesToTheGoldenText() throws Exception {
        Golden g = Golden.f32().get(1);
        List<JsonNode> events = server.stream("/v1/completions", json("prompt", g.prompt(), "max_tokens", 64, "temperature", 0, "stream", true,
                "stream_options", Map.of("include_usage", true)));
        assertEquals("[DONE]", events.getLast().asText());
        StringBuilder text = new StringBuilder();
        for (JsonNode e : events.subList(0, events.size() - 2)) text.append(e.at("/choices/0/text").asText());
        assertEquals(g.text(), text.toString());
        assertTrue(events.size() > 10, "streamed in pieces: " + events.size());
        assertEquals("length", events.get(events.size() - 3).at("/choices/0/finish_reason").asText());
        JsonNode usage = events.get(events.size() - 2);
        assertEquals(0, usage.get("choices").size());
        assertEquals(64, usage.at("/usage/completion_tokens").asInt());
    }

    @Test
    void chatStreamAndNonStreamAgree() throws Exception {
        Object messages = List.of(Map.of("role", "system", "content", "Tell a story."), Map.of("role", "user", "content", "Once upon a time"));
        JsonNode whole = server.postOk("/v1/chat/completions", json("messages", messages, "max_tokens", 20, "temperature", 0));
        assertEquals("chat.completion", whole.get("object").asText());
        assertEquals("assistant", whole.at("/choices/0/message/role").asText());
        String content = whole.at("/choices/0/message/content").asText();
        assertEquals(20, whole.at("/usage/completion_tokens").asInt());
        assertTrue(whole.at("/usage/prompt_tokens").asInt() > 5);

        List<JsonNode> events = server.stream("/v1/chat/completions", json("messages", messages, "max_tokens", 20, "temperature", 0, "stream", true));
        assertEquals("assistant", events.getFirst().at("/choices/0/delta/role").asText());
        assertEquals("chat.completion.chunk", events.getFirst().get("object").asText());
        StringBuilder streamed = new StringBuilder();
        for (JsonNode e : events.subList(0, events.size() - 1)) streamed.append(e.at("/choices/0/delta/content").asText(""));
        assertEquals(content, streamed.toString());
        assertEquals("length", events.get(events.size() - 2).at("/choices/0/finish_reason").asText());
        assertEquals("[DONE]", events.getLast().asText());
    }

    @Test
    void stopSequencesCutTheTextStreamedOrNot() throws Exception {
        Golden g = Golden.f32().getFirst(); // ", there was a little girl named Lily. ..."
        String expected = g.text().substring(0, g.text().indexOf(" named"));
        JsonNode r = server.postOk("/v1/completions", json("prompt", g.prompt(), "max_tokens", 64, "temperature", 0, "stop", List.of("zzz", " named")));
        assertEquals(expected, r.at("/choices/0/text").asText());
        assertEquals("stop", r.at("/choices/0/finish_reason").asText());

        List<JsonNode> events = server.stream("/v1/completions", json("prompt", g.prompt(), "max_tokens", 64, "temperature", 0, "stop", " named", "stream", true));
        StringBuilder text = new StringBuilder();
        for (JsonNode e : events.subList(0, events.size() - 1)) text.append(e.at("/choices/0/text").asText());
        assertEquals(expected, text.toString());
        assertEquals("stop", events.get(events.size() - 2).at("/choices/0/finish_reason").asText());
    }

    @Test
    void aSeedReproducesSampledText() throws Exception {
        String body7 = json("prompt", "The little dog", "max_tokens", 32, "temperature", 1.0, "seed", 7);
        String a = server.postOk("/v1/completions", body7).at("/choices/0/text").asText();
        String b = server.postOk("/v1/completions", body7).at("/choices/0/text").asText();
        String c = server.postOk("/v1/completions", json("prompt", "The little dog", "max_tokens", 32, "temperature", 1.0, "seed", 8)).at("/choices/0/text").asText();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void aDeveloperMessageIsASystemMessage() throws Exception {
        String system = server.postOk("/v1/chat/completions", json("messages", List.of(Map.of("role", "system", "content", "Tell a story."),
                Map.of("role", "user", "content", "Once")), "max_tokens", 16, "temperature", 0)).at("/choices/0/message/content").asText();
        String developer = server.postOk("/v1/chat/completions", json("messages", List.of(Map.of("role", "developer", "content", "Tell a story."),
                Map.of("role", "user", "content", "Once")), "max_tokens", 16, "temperature", 0)).at("/choices/0/message/content").asText();
        assertEquals(system, developer);
        assertTrue(!system.isEmpty());
    }

    @Test
    void aFrequencyPenaltyStopsGreedyTextFromRepeatingItsTokens() throws Exception {
        Golden g = Golden.f32().getFirst();
        String plain = server.postOk("/v1/completions", json("prompt", g.promptIds(), "max_tokens", 64, "temperature", 0)).at("/choices/0/text").asText();
        JsonNode penalized = server.postOk("/v1/completions", json("prompt", g.promptIds(), "max_tokens", 64, "temperature", 0, "frequency_penalty", 2));
        assertEquals(g.text(), plain);
        assertNotEquals(plain, penalized.at("/choices/0/text").asText());
        assertEquals(64, penalized.at("/usage/completion_tokens").asInt());
        JsonNode zero = server.postOk("/v1/completions", json("prompt", g.promptIds(), "max_tokens", 64, "temperature", 0, "presence_penalty", 0, "frequency_penalty", 0));
        assertEquals(plain, zero.at("/choices/0/text").asText());
    }

    @Test
    void withoutMaxTokensChatRunsToTheEndOfTheContext() throws Exception {
        try (TestServer small = new TestServer(48, ApiServer.Limits.defaults())) {
            JsonNode r = small.postOk("/v1/chat/completions", json("messages", List.of(Map.of("role", "user", "content", "Hi")), "temperature", 0));
            String finish = r.at("/choices/0/finish_reason").asText();
            int total = r.at("/usage/total_tokens").asInt();
            assertTrue(finish.equals("length") && total == 48 || finish.equals("stop") && total < 48, r.toString());
            JsonNode c = small.postOk("/v1/chat/completions", json("messages", List.of(Map.of("role", "user", "content", "Hi")), "max_completion_tokens", 3));
            assertEquals(3, c.at("/usage/completion_tokens").asInt());
        }
    }

    @Test
    void modelsListsTheServedModel() throws Exception {
        JsonNode r = TestServer.JSON.readTree(server.get("/v1/models").body());
        assertEquals("list", r.get("object").asText());
        assertEquals(TestServer.MODEL_ID, r.at("/data/0/id").asText());
        assertEquals(200, server.get("/v1/models/" + TestServer.MODEL_ID).statusCode());
    }

    @Test
    void errorsUseOpenAisShapeAndStatus() throws Exception {
        assertError(server.post("/v1/completions", json("prompt", "x", "n", 2)), 400, "invalid_request_error", "n", null);
        assertError(server.post("/v1/completions", "{\"prompt\": "), 400, "invalid_request_error", null, null);
        assertError(server.post("/v1/completions", json("max_tokens", 3)), 400, "invalid_request_error", "prompt", null);
        assertError(server.post("/v1/chat/completions", json("messages", List.of())), 400, "invalid_request_error", "messages", null);
        assertError(server.post("/v1/completions", json("prompt", "x", "temperature", 3)), 400, "invalid_request_error", "temperature", null);
        assertError(server.post("/v1/completions", json("prompt", "x", "stop", List.of(1))), 400, "invalid_request_error", "stop", null);
        assertError(server.post("/v1/completions", json("prompt", "x", "presence_penalty", 2.5)), 400, "invalid_request_error", "presence_penalty", null);
        assertError(server.post("/v1/completions", json("prompt", "x", "frequency_penalty", "high")), 400, "invalid_request_error", "frequency_penalty", null);
        assertError(server.post("/v1/completions", json("prompt", "x", "max_tokens", 99999999999L)), 400, "invalid_request_error", "max_tokens", null);
        assertError(server.post("/v1/chat/completions", json("messages", List.of(Map.of("role", "wizard", "content", "hi")))), 400, "invalid_request_error", "messages[0].role", null);
        assertError(server.post("/v1/chat/completions", json("messages", List.of(Map.of("role", "user")))), 400, "invalid_request_error", "messages[0].content", null);
        assertError(server.post("/v1/completions", json("prompt", List.of(1, 99999))), 400, "invalid_request_error", "prompt", null);
        assertError(server.post("/v1/completions", json("model", "gpt-4", "prompt", "x")), 404, "invalid_request_error", "model", "model_not_found");
        assertError(server.get("/v1/completions"), 405, "invalid_request_error", null, "method_not_allowed");
        assertError(server.get("/v2/anything"), 404, "invalid_request_error", null, "not_found");
        assertError(server.post("/v1/completions", json("prompt", "hello ".repeat(3000), "stream", true)), 400, "invalid_request_error", "prompt", "context_length_exceeded");
        assertError(server.post("/v1/completions", json("prompt", "x".repeat(2 << 20))), 413, "invalid_request_error", null, "request_too_large");
        assertError(server.postExpectingContinue("/v1/completions", json("prompt", "x".repeat(2 << 20))), 413, "invalid_request_error", null, "request_too_large");
    }

    @Test
    void aSwarmWithoutPeersForSomeLayersAnswers503SoClientsRetry() throws Exception {
        try (TestServer noPeers = new TestServer(backend -> new CompletionBackend() {
            public String modelId() { return backend.modelId(); }
            public a1.peer.tokenizer.Tokenizer tokenizer() { return backend.tokenizer(); }
            public a1.peer.chat.ChatTemplate chatTemplate() { return backend.chatTemplate(); }
            public int contextLength() { return backend.contextLength(); }
            public a1.peer.forward.Session newSession() {
                throw new a1.peer.routing.SwarmRetryException("no reachable peer serves layers 0-4 of model m");
            }
            public void close() { backend.close(); }
        })) {
            assertError(noPeers.post("/v1/completions", json("prompt", "x", "max_tokens", 2)), 503, "server_error", null, "swarm_unavailable");
            assertError(noPeers.post("/v1/chat/completions", json("messages", List.of(Map.of("role", "user", "content", "x")), "stream", true)),
                    503, "server_error", null, "swarm_unavailable");
        }
    }

    private static void assertError(java.net.http.HttpResponse<String> r, int status, String type, String param, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode e = TestServer.JSON.readTree(r.body()).get("error");
        assertTrue(e.get("message").asText().length() > 5, r.body());
        assertEquals(type, e.get("type").asText());
        assertEquals(param, e.get("param").isNull() ? null : e.get("param").asText(), r.body());
        assertEquals(code, e.get("code").isNull() ? null : e.get("code").asText(), r.body());
    }
}
