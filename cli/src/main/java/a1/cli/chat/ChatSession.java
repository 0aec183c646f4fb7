package a1.cli.chat;

import a1.peer.chat.Conversation;
import a1.peer.forward.Session;
import a1.peer.sampling.Sampler;
import a1.peer.tokenizer.TextDecoder;
import a1.peer.tokenizer.Tokenizer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A conversation with a model that keeps its KV cache between turns: each turn appends only its own tokens (the
 * end of the previous reply's turn, the user's message, the assistant's opener) and the reply's tokens are already
 * there from generation, so the cost of a turn does not grow with the history.
 */
public final class ChatSession implements AutoCloseable {
    private final Supplier<Session> sessions;
    private final Tokenizer tokenizer;
    private final Conversation conversation;
    private final Sampler sampler;
    private Session session;

    /** What a turn produced: the reply and its tokens, how many tokens the turn appended before generating, and whether the model ended it. */
    public record Reply(String text, int[] tokens, int turnTokens, boolean endedByModel) {}

    /** Thrown when the next turn does not fit in the context; the conversation has been reset. */
    public static final class ContextFull extends RuntimeException {
        ContextFull(String message) {
            super(message);
        }
    }

    public ChatSession(Supplier<Session> sessions, Tokenizer tokenizer, Conversation conversation, Sampler sampler) {
        this.sessions = sessions;
        this.tokenizer = tokenizer;
        this.conversation = conversation;
        this.sampler = sampler;
        this.session = sessions.get();
    }

    /** Sends the user's message and streams the reply's text to {@code out}; at most {@code maxTokens} are generated. */
    public Reply reply(String userText, int maxTokens, Consumer<String> out) {
        boolean first = conversation.isFresh();
        int[] turn = tokenizer.encode(conversation.userTurn(userText), first, true);
        if (session.length() + turn.length >= session.capacity()) {
            int needed = session.length() + turn.length;
            reset();
            throw new ContextFull("the conversation needs " + needed + " tokens; the context holds " + session.capacity()
                    + " (the conversation was reset: ask again, or raise --ctx)");
        }
        float[] logits = session.append(turn);
        TextDecoder decoder = tokenizer.streamDecoder();
        StringBuilder text = new StringBuilder();
        int[] tokens = new int[Math.min(maxTokens, session.capacity() - session.length() + 1)]; // no more fit, whatever was asked
        int n = 0;
        boolean ended = false;
        while (n < maxTokens) {
            int token = sampler.sample(logits);
            if (tokenizer.isEndOfGeneration(token)) { // not appended: the next turn's text closes the reply's turn
                ended = true;
                break;
            }
            tokens[n++] = token;
            String piece = decoder.next(token);
            text.append(piece);
            out.accept(piece);
            if (session.length() >= session.capacity()) break; // the next turn will not fit either: it resets
            logits = session.append(new int[] {token}); // even after the last token: the cache must hold the whole reply
        }
        String tail = decoder.flush();
        text.append(tail);
        out.accept(tail);
        conversation.assistantReply(text.toString());
        return new Reply(text.toString(), java.util.Arrays.copyOf(tokens, n), turn.length, ended);
    }

    /** Tokens in the KV cache now. */
    public int cachedTokens() {
        return session.length();
    }

    public int capacity() {
        return session.capacity();
    }

    /** Starts over with an empty cache, keeping the system prompt. */
    public void reset() {
        session.close();
        session = sessions.get();
        conversation.reset();
    }

    @Override
    public void close() {
        session.close();
    }
}
