package a1.cli.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON bodies of OpenAI's API, built from plain values: no I/O here, so each shape is testable alone. */
final class ApiResponses {
    static final ObjectMapper JSON = new ObjectMapper();

    private ApiResponses() {}

    static ObjectNode model(String id, long created) {
        return JSON.createObjectNode().put("id", id).put("object", "model").put("created", created).put("owned_by", "a1");
    }

    static ObjectNode models(String id, long created) {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        list.putArray("data").add(model(id, created));
        return list;
    }

    static ObjectNode error(ApiException e) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode err = root.putObject("error").put("message", e.getMessage()).put("type", e.type);
        if (e.param == null) err.putNull("param");
        else err.put("param", e.param);
        if (e.code == null) err.putNull("code");
        else err.put("code", e.code);
        return root;
    }

    /** A /v1/completions response, or with {@code chunk} one streamed piece of it (finishReason null until the last). */
    static ObjectNode completion(String id, String model, long created, String text, String finishReason, Completer.Outcome usage) {
        ObjectNode root = head(id, "text_completion", model, created);
        ObjectNode choice = root.putArray("choices").addObject().put("text", text).put("index", 0).putNull("logprobs");
        finish(choice, finishReason);
        if (usage != null) usage(root, usage);
        return root;
    }

    static ObjectNode chatCompletion(String id, String model, long created, Completer.Outcome o) {
        ObjectNode root = head(id, "chat.completion", model, created);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", o.text());
        choice.putNull("logprobs");
        finish(choice, o.finishReason());
        usage(root, o);
        return root;
    }

    /** A chat.completion.chunk: {@code role} only in the first, {@code content} in the middle ones, finish in the last. */
    static ObjectNode chatChunk(String id, String model, long created, String role, String content, String finishReason) {
        ObjectNode root = head(id, "chat.completion.chunk", model, created);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (role != null) delta.put("role", role);
        if (content != null) delta.put("content", content);
        choice.putNull("logprobs");
        finish(choice, finishReason);
        return root;
    }

    /** The extra last chunk stream_options.include_usage asks for: no choices, only usage. */
    static ObjectNode usageChunk(String id, String object, String model, long created, Completer.Outcome o) {
        ObjectNode root = head(id, object, model, created);
        root.putArray("choices");
        usage(root, o);
        return root;
    }

    private static ObjectNode head(String id, String object, String model, long created) {
        return JSON.createObjectNode().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    private static void finish(ObjectNode choice, String reason) {
        if (reason == null) choice.putNull("finish_reason");
        else choice.put("finish_reason", reason);
    }

    private static void usage(ObjectNode root, Completer.Outcome o) {
        root.putObject("usage").put("prompt_tokens", o.promptTokens()).put("completion_tokens", o.completionTokens())
                .put("total_tokens", o.promptTokens() + o.completionTokens());
    }
}
