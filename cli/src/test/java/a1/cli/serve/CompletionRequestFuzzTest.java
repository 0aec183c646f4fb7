package a1.cli.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.chat.ChatTemplate;
import a1.peer.forward.Session;
import a1.peer.tokenizer.Tokenizer;
import a1.spec.testdata.Refusals;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Any HTTP request body, as both a completion and a chat completion: parsing accepts it with every field in range, or
 * refuses it with a 400/404 ApiException naming the problem, never another exception.
 */
class CompletionRequestFuzzTest {
    /** A backend that is never asked to generate: parsing only needs the id. */
    private static final CompletionBackend ID_ONLY = new CompletionBackend() {
        public String modelId() { return "m"; }
        public Tokenizer tokenizer() { throw new AssertionError("parsing must not tokenize"); }
        public ChatTemplate chatTemplate() { return ChatTemplate.GENERIC; }
        public int contextLength() { return 16; }
        public Session newSession() { throw new AssertionError("parsing must not generate"); }
        public void close() {}
    };
    private static final OpenAiApi API = new OpenAiApi(ID_ONLY);

    @FuzzTest
    @Timeout(10)
    void parsesOrRefusesByName(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        for (boolean chat : new boolean[] {false, true}) {
            CompletionRequest r;
            try {
                r = API.parse(chat, text);
            } catch (ApiException e) {
                assertTrue(e.status == 400 || e.status == 404, e.status + " for " + text);
                Refusals.assertOneLine(e);
                continue;
            }
            assertTrue(r.temperature() >= 0 && r.temperature() <= 2 && r.topP() > 0 && r.topP() <= 1, text);
            assertTrue(r.maxTokens() == null || r.maxTokens() >= 0, text);
            assertTrue(r.stop().size() <= CompletionRequest.MAX_STOPS, text);
            assertTrue((r.prompt() != null ? 1 : 0) + (r.promptTokens() != null ? 1 : 0) + (r.messages() != null ? 1 : 0) == 1, text);
        }
    }
}
