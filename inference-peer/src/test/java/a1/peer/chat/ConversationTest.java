package a1.peer.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each turn hands out only the text the cache lacks, and the pieces add up to the whole rendered conversation. */
class ConversationTest {

    @Test
    void deltasConcatenateToTheFullRendering() {
        for (ChatTemplate t : ChatTemplate.values()) {
            Conversation c = new Conversation(t, "be brief");
            StringBuilder cache = new StringBuilder();
            cache.append(c.userTurn("hi"));
            String reply = t == ChatTemplate.GENERIC ? " Hello there" : "Hello there"; // a model continues "Assistant:" with a space
            cache.append(reply);
            c.assistantReply(reply);
            cache.append(c.userTurn("how are you?"));
            assertEquals(t.render(c.messages(), true), cache.toString(), t.id());
        }
    }

    @Test
    void secondTurnStartsWithTheEndOfTheReplyTurn() {
        Conversation c = new Conversation(ChatTemplate.CHATML, null);
        assertEquals("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", c.userTurn("hi"));
        c.assistantReply("Hello");
        assertEquals("<|im_end|>\n<|im_start|>user\nbye<|im_end|>\n<|im_start|>assistant\n", c.userTurn("bye"));
    }

    @Test
    void aTemplateThatRewritesTheReplyStillClosesItsTurn() {
        Conversation c = new Conversation(ChatTemplate.LLAMA3, null);
        c.userTurn("hi");
        c.assistantReply(" Hello \n"); // LLAMA3 trims it, so the cache's text is no longer a prefix of the rendering
        String delta = c.userTurn("bye");
        assertEquals("<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nbye<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n", delta);
    }

    @Test
    void resetKeepsTheSystemPrompt() {
        Conversation c = new Conversation(ChatTemplate.CHATML, "sys");
        c.userTurn("hi");
        c.assistantReply("yo");
        c.reset();
        assertTrue(c.isFresh());
        assertEquals("<|im_start|>system\nsys<|im_end|>\n<|im_start|>user\nagain<|im_end|>\n<|im_start|>assistant\n", c.userTurn("again"));
    }
}
