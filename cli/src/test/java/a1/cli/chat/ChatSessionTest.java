package a1.cli.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import a1.peer.LocalModel;
import a1.peer.chat.ChatTemplate;
import a1.peer.chat.Conversation;
import a1.peer.forward.Session;
import a1.peer.kv.KvType;
import a1.peer.sampling.Sampler;
import a1.peer.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Turns reuse the KV cache: each appends only its own tokens, and replies equal a recomputation of the whole history. */
class ChatSessionTest {
    private static LocalModel model;
    private static Tokenizer tok;

    @BeforeAll
    static void open() throws Exception {
        model = LocalModel.open(ExpectedReply.MODEL, 1);
        tok = Tokenizer.fromGguf(model.gguf().metadata());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private ChatSession chat(int ctx) {
        return new ChatSession(() -> model.newSession(ctx, KvType.F16), tok, new Conversation(ChatTemplate.GENERIC, null), Sampler.greedy());
    }

    @Test
    void firstReplyEqualsPlainGeneration() throws Exception {
        try (ChatSession c = chat(2048)) {
            assertEquals(ExpectedReply.firstReply("Once upon a time", 24), c.reply("Once upon a time", 24, s -> {}).text());
        }
    }

    @Test
    void secondTurnAppendsOnlyItsTokensAndMatchesARecomputation() {
        try (ChatSession c = chat(2048)) {
            ChatSession.Reply r1 = c.reply("Once upon a time", 12, s -> {});
            int afterFirst = c.cachedTokens();
            assertEquals(r1.turnTokens() + r1.tokens().length, afterFirst);
            ChatSession.Reply r2 = c.reply("The little dog", 12, s -> {});
            assertEquals(afterFirst + r2.turnTokens() + r2.tokens().length, c.cachedTokens(), "the history was not re-fed");

            // The same history fed at once into a fresh cache gives the same greedy reply.
            Conversation shadow = new Conversation(ChatTemplate.GENERIC, null);
            int[] turn1 = tok.encode(shadow.userTurn("Once upon a time"), true, true);
            shadow.assistantReply(r1.text());
            int[] turn2 = tok.encode(shadow.userTurn("The little dog"), false, true);
            assertEquals(r2.turnTokens(), turn2.length);
            int[] history = IntStream.concat(IntStream.concat(Arrays.stream(turn1), Arrays.stream(r1.tokens())), Arrays.stream(turn2)).toArray();
            try (Session fresh = model.newSession(2048, KvType.F16)) {
                float[] logits = fresh.append(history);
                int[] expected = new int[r2.tokens().length];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = Sampler.argmax(logits);
                    logits = fresh.append(new int[] {expected[i]});
                }
                assertArrayEquals(expected, r2.tokens());
            }
        }
    }

    @Test
    void resetStartsOverWithAnEmptyCache() throws Exception {
        try (ChatSession c = chat(2048)) {
            String first = c.reply("Once upon a time", 10, s -> {}).text();
            c.reply("more", 10, s -> {});
            c.reset();
            assertEquals(0, c.cachedTokens());
            assertEquals(first, c.reply("Once upon a time", 10, s -> {}).text());
        }
    }

    @Test
    void aTurnThatDoesNotFitResetsWithAClearMessage() {
        try (ChatSession c = chat(32)) {
            c.reply("Once upon a time", 8, s -> {});
            ChatSession.ContextFull e = assertThrows(ChatSession.ContextFull.class, () -> c.reply("a very long message ".repeat(10), 8, s -> {}));
            assertEquals(0, c.cachedTokens());
            assertEquals(true, e.getMessage().contains("context holds 32"), e.getMessage());
        }
    }

    @Test
    void anyTokenCountStopsWhereTheContextIsFull() {
        try (ChatSession c = chat(48)) {
            ChatSession.Reply r = c.reply("Once upon a time", Integer.MAX_VALUE, s -> {});
            assertEquals(48, c.cachedTokens(), r.text());
            assertEquals(48 - r.turnTokens() + 1, r.tokens().length);
        }
    }
}
