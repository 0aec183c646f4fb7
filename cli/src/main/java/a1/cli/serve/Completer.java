package a1.cli.serve;

import a1.peer.forward.Session;
import a1.peer.sampling.Sampler;
import a1.peer.tokenizer.TextDecoder;
import a1.peer.tokenizer.Tokenizer;
import java.util.function.Consumer;

/** Runs one completion on a backend: prefill, sample, decode text, stop on end-of-generation, stop strings or length. */
final class Completer {

    /** The finished completion: its text, token counts for "usage", and OpenAI's finish_reason ("stop" or "length"). */
    record Outcome(String text, int promptTokens, int completionTokens, String finishReason) {}

    private Completer() {}

    /**
     * Generates after {@code prompt}, passing text to {@code sink} as it becomes final. {@code promptParam} names the
     * request field errors about the prompt point at ("prompt" or "messages").
     */
    static Outcome run(CompletionBackend backend, int[] prompt, CompletionRequest r, String promptParam, Consumer<String> sink) {
        Tokenizer tok = backend.tokenizer();
        if (prompt.length == 0) throw ApiException.invalid(promptParam, "the prompt is empty");
        for (int t : prompt)
            if (t < 0 || t >= tok.vocabSize()) throw ApiException.invalid(promptParam, "token id " + t + " is outside the vocabulary [0, " + tok.vocabSize() + ")");
        int ctx = backend.contextLength();
        if (prompt.length >= ctx)
            throw new ApiException(400, "invalid_request_error", promptParam, "context_length_exceeded",
                    "the prompt has " + prompt.length + " tokens; this model's context holds " + ctx + " (prompt and completion)");
        int max = r.maxTokens() == null ? ctx - prompt.length : Math.min(r.maxTokens(), ctx - prompt.length);
        if (max == 0) return new Outcome("", prompt.length, 0, "length");
        Sampler sampler = new Sampler(r.temperature(), 0, r.topP(), r.presencePenalty(), r.frequencyPenalty(), r.seed() != null ? r.seed() : System.nanoTime());
        StopScanner text = new StopScanner(r.stop(), sink);
        TextDecoder decoder = tok.streamDecoder();
        String finish = "length";
        boolean stopString = false;
        int n = 0;
        try (Session session = backend.newSession()) {
            float[] logits = session.append(prompt);
            while (true) {
                int token = sampler.sample(logits);
                if (tok.isEndOfGeneration(token)) {
                    finish = "stop";
                    break;
                }
                n++;
                if (text.offer(decoder.next(token))) {
                    finish = "stop";
                    stopString = true;
                    break;
                }
                if (n == max) break;
                logits = session.append(new int[] {token});
            }
        }
        if (!stopString && text.offer(decoder.flush())) finish = "stop";
        text.finish();
        return new Outcome(text.text(), prompt.length, n, finish);
    }
}
