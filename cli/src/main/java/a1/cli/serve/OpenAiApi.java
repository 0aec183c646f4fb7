package a1.cli.serve;

import a1.peer.chat.ChatMessage;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/**
 * The API's logic, free of HTTP: turns a parsed request into prompt tokens, runs it on the backend and reports
 * JSON bodies (whole, or as a stream of SSE payloads) to a {@link Reply}. The Netty handler only adapts this to HTTP.
 */
final class OpenAiApi {
    /** Where a request's answer goes: a whole body, or the events of a stream. */
    interface Reply {
        void json(int status, ObjectNode body);

        /** Starts an SSE stream (status 200); then {@link #event} per payload and {@link #end} once. */
        void startStream();

        void event(String data);

        void end();

        /** False once the client has gone: the work for it can stop. */
        boolean open();
    }

    /** Thrown out of generation when the client hung up mid-stream. */
    static final class ClientGone extends RuntimeException {
        ClientGone() {
            super("client closed the connection", null, false, false);
        }
    }

    private final CompletionBackend backend;
    private final long created = System.currentTimeMillis() / 1000;

    OpenAiApi(CompletionBackend backend) {
        this.backend = backend;
    }

    ObjectNode models() {
        return ApiResponses.models(backend.modelId(), created);
    }

    ObjectNode model(String id) {
        checkModel(id);
        return ApiResponses.model(id, created);
    }

    /** Parses and checks a request body cheaply, before it waits in the queue. */
    CompletionRequest parse(boolean chat, String text) {
        if (text.isBlank()) throw ApiException.invalid(null, "the request body is empty; send a JSON object");
        JsonNode body;
        try {
            body = ApiResponses.JSON.readTree(text);
        } catch (JacksonException e) {
            throw ApiException.invalid(null, "the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) throw ApiException.invalid(null, "the request body must be a JSON object");
        CompletionRequest r = chat ? CompletionRequest.chat(body) : CompletionRequest.completion(body);
        if (r.model() != null) checkModel(r.model());
        return r;
    }

    /** Runs a parsed request to its end; the caller holds the model (one request at a time). */
    void run(boolean chat, CompletionRequest r, Reply reply) {
        String model = backend.modelId();
        long now = System.currentTimeMillis() / 1000;
        String id = (chat ? "chatcmpl-" : "cmpl-") + UUID.randomUUID().toString().replace("-", "");
        int[] prompt = chat ? chatPrompt(r.messages()) : r.promptTokens() != null ? r.promptTokens() : backend.tokenizer().encode(r.prompt(), true, true);
        String param = chat ? "messages" : "prompt";
        if (!r.stream()) {
            Completer.Outcome o = Completer.run(backend, prompt, r, param, text -> {});
            reply.json(200, chat ? ApiResponses.chatCompletion(id, model, now, o)
                    : ApiResponses.completion(id, model, now, o.text(), o.finishReason(), o));
            return;
        }
        // Errors found before the first token (prompt too long, bad ids) still get a plain HTTP error status.
        boolean[] started = {false};
        Runnable start = () -> {
            if (started[0]) return;
            started[0] = true;
            reply.startStream();
            if (chat) reply.event(ApiResponses.chatChunk(id, model, now, "assistant", "", null).toString());
        };
        Completer.Outcome o;
        try {
            o = Completer.run(backend, prompt, r, param, text -> {
                if (!reply.open()) throw new ClientGone();
                start.run();
                reply.event((chat ? ApiResponses.chatChunk(id, model, now, null, text, null)
                        : ApiResponses.completion(id, model, now, text, null, null)).toString());
            });
        } catch (RuntimeException e) {
            if (!started[0] || e instanceof ClientGone) throw e;
            ApiException api = ApiException.failed(e);
            reply.event(ApiResponses.error(api).toString());
            reply.end();
            return;
        }
        start.run();
        reply.event((chat ? ApiResponses.chatChunk(id, model, now, null, null, o.finishReason())
                : ApiResponses.completion(id, model, now, "", o.finishReason(), null)).toString());
        if (r.includeUsage()) reply.event(ApiResponses.usageChunk(id, chat ? "chat.completion.chunk" : "text_completion", model, now, o).toString());
        reply.event("[DONE]");
        reply.end();
    }

    private int[] chatPrompt(List<ChatMessage> messages) {
        String text = backend.chatTemplate().render(messages, true);
        return backend.tokenizer().encode(text, true, true);
    }

    private void checkModel(String id) {
        if (!id.equals(backend.modelId()))
            throw new ApiException(404, "invalid_request_error", "model", "model_not_found",
                    "The model '" + id + "' does not exist; this server serves '" + backend.modelId() + "'");
    }
}
