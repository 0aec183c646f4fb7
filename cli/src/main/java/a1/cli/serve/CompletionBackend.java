package a1.cli.serve;

import a1.peer.chat.ChatTemplate;
import a1.peer.forward.Session;
import a1.peer.tokenizer.Tokenizer;

/**
 * What the HTTP API needs from a model: its name, tokenizer and chat template, and fresh sessions to generate in.
 * {@link LocalBackend} runs the whole model in this process; a swarm backend answers {@link #newSession} with a
 * session over a chain of remote peers, and the server does not change.
 */
public interface CompletionBackend extends AutoCloseable {
    /** The id clients pass as "model" and /v1/models lists. */
    String modelId();

    Tokenizer tokenizer();

    ChatTemplate chatTemplate();

    /** The longest sequence (prompt and completion) one request may use. */
    int contextLength();

    /** A new, empty sequence of up to {@link #contextLength()} tokens. The server uses one session at a time. */
    Session newSession();

    @Override
    void close();
}
