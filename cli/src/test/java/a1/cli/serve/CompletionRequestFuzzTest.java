package a1.cli.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import a1.peer.chat.ChatTemplate;
import a1.peer.forward.Session;
import a1.peer.tokenizer.Tokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Request bodies from outside, mutated at random: parsing either accepts them or refuses them with a 400/404
 * ApiException naming the problem, never another exception.
 */
class CompletionRequestFuzzTest {
    private static final String[] SEEDS = {
        "{\"model\":\"m\",\"prompt\":\"Once upon a time\",\"max_tokens\":16,\"temperature\":0.5,\"top_p\":0.9,\"seed\":3,\"stop\":[\"a\",\"b\"],\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}],\"max_completion_tokens\":4,\"n\":1,\"logprobs\":false}",
        "{\"prompt\":[1,2,3],\"stop\":\"\\n\"}",
    };
    private static final String[] SPLICES = {"null", "-1", "1e99", "\"\"", "[]", "{}", "[[1]]", "true", "\"x\"", "0.0", "[1,\"a\"]", "2147483648"};

    /** A backend that is never asked to generate: parsing only needs the id. */
    private static final CompletionBackend ID_ONLY = new CompletionBackend() {
        public String modelId() { return "m"; }
        public Tokenizer tokenizer() { throw new AssertionError("parsing must not tokenize"); }
        public ChatTemplate chatTemplate() { return ChatTemplate.GENERIC; }
        public int contextLength() { return 16; }
        public Session newSession() { throw new AssertionError("parsing must not generate"); }
        public void close() {}
    };

    @Test
    void mutatedBodiesAreAcceptedOrRefusedByName() throws Exception {
        OpenAiApi api = new OpenAiApi(ID_ONLY);
        SplittableRandom rnd = new SplittableRandom(42);
        int refused = 0;
        for (int trial = 0; trial < 5000; trial++) {
            String seed = SEEDS[rnd.nextInt(SEEDS.length)];
            String body = mutate(seed, rnd);
            JsonNode json;
            try {
                json = TestServer.JSON.readTree(body);
            } catch (Exception notJson) {
                continue; // the handler refuses unparsable JSON before this point (OpenAiHttpTest covers it)
            }
            try {
                api.parse(seed.contains("messages"), json);
            } catch (ApiException e) {
                assertTrue(e.status == 400 || e.status == 404, body);
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), body);
                refused++;
            } catch (RuntimeException e) {
                fail("body " + body + " threw " + e);
            }
        }
        assertTrue(refused > 500, "the mutations reach the validation: " + refused);
    }

    /** Replaces one JSON value (after a ':' or inside an array) with a hostile one, or cuts a value's characters. */
    private static String mutate(String s, SplittableRandom rnd) {
        int at = rnd.nextInt(s.length());
        if (rnd.nextBoolean()) {
            int colon = s.indexOf(':', at);
            if (colon < 0) return s;
            int end = colon + 1;
            int depth = 0;
            while (end < s.length()) {
                char c = s.charAt(end);
                if (c == '[' || c == '{') depth++;
                if ((c == ']' || c == '}') && depth-- == 0) break;
                if (c == ',' && depth == 0) break;
                end++;
            }
            return s.substring(0, colon + 1) + SPLICES[rnd.nextInt(SPLICES.length)] + s.substring(end);
        }
        return s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + rnd.nextInt(3)));
    }
}
