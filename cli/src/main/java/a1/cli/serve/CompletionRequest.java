package a1.cli.serve;

import a1.peer.chat.ChatMessage;
import a1.peer.sampling.Sampler;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One /v1/completions or /v1/chat/completions request, validated: exactly one of {@code prompt} (text) /
 * {@code promptTokens} / {@code messages} is set. Unknown fields are ignored, as OpenAI-compatible servers do;
 * fields A1 cannot honour ({@code n} other than 1, {@code logprobs}, {@code echo}) are refused by name.
 */
record CompletionRequest(String model, String prompt, int[] promptTokens, List<ChatMessage> messages, Integer maxTokens,
                         float temperature, float topP, float presencePenalty, float frequencyPenalty, Long seed, List<String> stop,
                         boolean stream, boolean includeUsage) {

    static final int MAX_STOPS = 4; // OpenAI's limit
    /** The roles a chat template can place; OpenAI's "developer" is its newer name for "system". */
    private static final List<String> ROLES = List.of("system", "developer", "user", "assistant");

    static CompletionRequest completion(JsonNode body) {
        JsonNode p = required(body, "prompt");
        String text = null;
        int[] tokens = null;
        if (p.isTextual()) text = p.asText();
        else if (p.isArray() && p.size() == 1 && p.get(0).isTextual()) text = p.get(0).asText();
        else if (p.isArray() && !p.isEmpty() && allInts(p)) tokens = ints(p);
        else if (p.isArray() && p.size() == 1 && p.get(0).isArray() && allInts(p.get(0))) tokens = ints(p.get(0));
        else if (p.isArray() && p.size() > 1) throw ApiException.invalid("prompt", "only one prompt per request is supported; send them one at a time");
        else throw ApiException.invalid("prompt", "'prompt' must be a string or an array of token ids");
        if (body.path("echo").asBoolean(false)) throw ApiException.invalid("echo", "'echo' is not supported");
        if (body.hasNonNull("suffix")) throw ApiException.invalid("suffix", "'suffix' is not supported");
        return common(body, text, tokens, null, 16);
    }

    static CompletionRequest chat(JsonNode body) {
        JsonNode ms = required(body, "messages");
        if (!ms.isArray() || ms.isEmpty()) throw ApiException.invalid("messages", "'messages' must be a non-empty array");
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) messages.add(message(ms.get(i), "messages[" + i + "]"));
        JsonNode max = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : null;
        return common(body, null, null, messages, max != null ? Integer.valueOf(intIn(max, "max_completion_tokens", 0, Integer.MAX_VALUE)) : null);
    }

    private static CompletionRequest common(JsonNode body, String text, int[] tokens, List<ChatMessage> messages, Integer defaultMax) {
        String model = body.hasNonNull("model") ? textOf(body.get("model"), "model") : null;
        Integer max = body.hasNonNull("max_tokens") ? Integer.valueOf(intIn(body.get("max_tokens"), "max_tokens", 0, Integer.MAX_VALUE)) : defaultMax;
        float temperature = body.hasNonNull("temperature") ? number(body.get("temperature"), "temperature", 0, 2) : 1f;
        float topP = body.hasNonNull("top_p") ? number(body.get("top_p"), "top_p", 0, 1) : 1f;
        if (topP == 0) topP = Float.MIN_VALUE; // 0 asks for the single most likely token; the sampler's range is (0, 1]
        float presence = body.hasNonNull("presence_penalty") ? penalty(body.get("presence_penalty"), "presence_penalty") : 0f;
        float frequency = body.hasNonNull("frequency_penalty") ? penalty(body.get("frequency_penalty"), "frequency_penalty") : 0f;
        Long seed = null;
        if (body.hasNonNull("seed")) {
            if (!body.get("seed").canConvertToLong()) throw ApiException.invalid("seed", "'seed' must be an integer");
            seed = body.get("seed").asLong();
        }
        if (body.hasNonNull("n") && !(body.get("n").canConvertToInt() && body.get("n").asInt() == 1))
            throw ApiException.invalid("n", "only n=1 is supported: send one request per completion");
        JsonNode lp = body.get("logprobs");
        if (lp != null && !lp.isNull() && !(lp.isBoolean() && !lp.asBoolean())) throw ApiException.invalid("logprobs", "'logprobs' is not supported");
        boolean stream = body.path("stream").asBoolean(false);
        boolean usage = body.path("stream_options").path("include_usage").asBoolean(false);
        return new CompletionRequest(model, text, tokens, messages, max, temperature, topP, presence, frequency, seed, stops(body.get("stop")), stream, usage);
    }

    private static List<String> stops(JsonNode s) {
        if (s == null || s.isNull()) return List.of();
        if (s.isTextual()) return s.asText().isEmpty() ? List.of() : List.of(s.asText());
        if (!s.isArray()) throw ApiException.invalid("stop", "'stop' must be a string or an array of strings");
        if (s.size() > MAX_STOPS) throw ApiException.invalid("stop", "at most " + MAX_STOPS + " stop sequences");
        List<String> out = new ArrayList<>();
        for (JsonNode e : s) {
            if (!e.isTextual()) throw ApiException.invalid("stop", "'stop' must be a string or an array of strings");
            if (!e.asText().isEmpty()) out.add(e.asText());
        }
        return out;
    }

    private static ChatMessage message(JsonNode m, String where) {
        if (!m.isObject()) throw ApiException.invalid(where, where + " must be an object with 'role' and 'content'");
        String role = textOf(required(m, "role", where + ".role"), where + ".role");
        if (!ROLES.contains(role))
            throw ApiException.invalid(where + ".role", where + ".role '" + role + "' is not one of " + String.join(", ", ROLES));
        if (role.equals("developer")) role = "system";
        JsonNode c = m.get("content");
        String content;
        if (c == null || c.isNull()) {
            if (!role.equals("assistant")) throw ApiException.invalid(where + ".content", "'" + where + ".content' is required");
            content = "";
        }
        else if (c.isTextual()) content = c.asText();
        else if (c.isArray()) { // content parts: only text parts carry anything a text model can read
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : c) {
                if (!"text".equals(part.path("type").asText())) throw ApiException.invalid(where + ".content", "only text content parts are supported");
                sb.append(part.path("text").asText());
            }
            content = sb.toString();
        } else throw ApiException.invalid(where + ".content", where + ".content must be a string or an array of text parts");
        return new ChatMessage(role, content);
    }

    private static JsonNode required(JsonNode body, String field) {
        return required(body, field, field);
    }

    private static JsonNode required(JsonNode body, String field, String name) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) throw ApiException.invalid(name, "'" + name + "' is required");
        return n;
    }

    private static String textOf(JsonNode n, String name) {
        if (!n.isTextual()) throw ApiException.invalid(name, "'" + name + "' must be a string");
        return n.asText();
    }

    private static int intIn(JsonNode n, String name, int min, int max) {
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > max)
            throw ApiException.invalid(name, "'" + name + "' must be an integer from " + min + " to " + max);
        return n.asInt();
    }

    private static float number(JsonNode n, String name, float min, float max) {
        if (!n.isNumber() || n.floatValue() < min || n.floatValue() > max)
            throw ApiException.invalid(name, "'" + name + "' must be a number between " + (int) min + " and " + (int) max);
        return n.floatValue();
    }

    private static float penalty(JsonNode n, String name) {
        return number(n, name, -Sampler.MAX_PENALTY, Sampler.MAX_PENALTY);
    }

    private static boolean allInts(JsonNode a) {
        for (JsonNode e : a) if (!e.canConvertToInt() || !e.isIntegralNumber()) return false;
        return true;
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }
}
