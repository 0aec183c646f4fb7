package a1.peer.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * A conversation whose formatted text goes into a model's KV cache a turn at a time. {@link #userTurn} returns only
 * the text that is not in the cache yet (the end of the previous reply's turn, the user's turn and the assistant's
 * opener), so each turn costs its own tokens rather than the whole history's.
 */
public final class Conversation {
    private final ChatTemplate template;
    private final List<ChatMessage> messages = new ArrayList<>();
    /** The text whose tokens are in the cache: every delta given out plus the replies generated after them. */
    private final StringBuilder fed = new StringBuilder();
    private String lastReply;

    public Conversation(ChatTemplate template, String systemPrompt) {
        this.template = template;
        if (systemPrompt != null && !systemPrompt.isEmpty()) messages.add(ChatMessage.system(systemPrompt));
    }

    public ChatTemplate template() {
        return template;
    }

    public List<ChatMessage> messages() {
        return List.copyOf(messages);
    }

    /** True before the first user turn: the caller adds BOS to the first delta. */
    public boolean isFresh() {
        return fed.isEmpty();
    }

    /**
     * Adds the user's message and returns the text to append to the cache. When a template reformats the last reply
     * (e.g. trims it), the cached text is no longer a prefix of the new rendering; then the delta is the end of the
     * reply's turn as the template writes it, followed by the new turn.
     */
    public String userTurn(String text) {
        String before = template.render(messages, false);
        messages.add(ChatMessage.user(text));
        String after = template.render(messages, true);
        String delta;
        if (after.startsWith(fed.toString())) {
            delta = after.substring(fed.length());
        } else {
            String reply = lastReply == null ? "" : lastReply.strip();
            int end = reply.isEmpty() ? -1 : before.lastIndexOf(reply);
            String closing = end < 0 ? "" : before.substring(end + reply.length());
            delta = closing + (after.startsWith(before) ? after.substring(before.length()) : after);
        }
        fed.setLength(0);
        fed.append(after); // from here on the cache stands for the template's rendering
        lastReply = null;
        return delta;
    }

    /** Records the reply the model generated (its tokens are already in the cache). */
    public void assistantReply(String text) {
        messages.add(ChatMessage.assistant(text));
        fed.append(text);
        lastReply = text;
    }

    /** Forgets every turn except the system prompt; the caller starts a new cache. */
    public void reset() {
        messages.removeIf(m -> !m.role().equals("system"));
        fed.setLength(0);
        lastReply = null;
    }
}
