package a1.peer.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** llama.cpp's special-token rules: control tokens only with parse_special, user-defined always, Phi-3's rstrip, end of generation. */
class SpecialTokenTest {

    private static int id(Tokenizer t, String piece) {
        return IntStream.range(0, t.vocabSize()).filter(i -> t.piece(i).equals(piece)).findFirst().orElseThrow();
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void controlTokenIsParsedOnlyWhenAsked() {
        Tokenizer t = Vocabs.vocab("gpt-2");
        int eot = id(t, "<|endoftext|>");
        assertArrayEquals(concat(t.encode("a", false, false), new int[] {eot}, t.encode("b", false, false)), t.encode("a<|endoftext|>b", false, true));
        assertFalse(Arrays.stream(t.encode("a<|endoftext|>b", false, false)).anyMatch(i -> i == eot));
    }

    @Test
    void userDefinedTokenIsAlwaysParsed() {
        Tokenizer t = Vocabs.vocab("deepseek-coder");
        int assistant = id(t, "<|Assistant|>");
        assertArrayEquals(concat(t.encode("x", false, false), new int[] {assistant}), t.encode("x<|Assistant|>", false, false));
    }

    @Test
    void fimTokensFoundByTextBecomeControlTokens() {
        Tokenizer t = Vocabs.vocab("deepseek-coder");
        int fimBegin = id(t, "<｜fim▁begin｜>");
        assertEquals(0, t.tokenBytes(fimBegin).length);
        assertArrayEquals(new int[] {fimBegin}, t.encode("<｜fim▁begin｜>", false, true));
        assertTrue(t.encode("<｜fim▁begin｜>", false, false).length > 1);
    }

    @Test
    void phi3ChatTokensEatTheWhitespaceAfterThem() {
        Tokenizer t = Vocabs.vocab("phi-3");
        int user = id(t, "<|user|>");
        assertArrayEquals(concat(new int[] {user}, t.encode("hi", false, false)), t.encode("<|user|>\n  hi", false, true));
    }

    @Test
    void sentencePieceAddsSpacePrefixAfterEachSpecialToken() {
        Tokenizer t = Vocabs.llamaSpm();
        // "b" after </s> is tokenized as " b", exactly like the start of the text
        assertArrayEquals(concat(new int[] {1}, t.encode("a", false, false), new int[] {2}, t.encode("b", false, false)), t.encode("a</s>b", true, true));
        assertEquals("▁b", t.piece(t.encode("b", false, false)[0]));
    }

    @Test
    void endOfGeneration() {
        Tokenizer phi3 = Vocabs.vocab("phi-3");
        assertTrue(phi3.isEndOfGeneration(id(phi3, "<|end|>")));
        assertTrue(phi3.isEndOfGeneration(id(phi3, "<|endoftext|>")));
        assertFalse(phi3.isEndOfGeneration(id(phi3, "<|user|>")));
        Tokenizer gpt2 = Vocabs.vocab("gpt-2");
        assertTrue(gpt2.isEndOfGeneration(id(gpt2, "<|endoftext|>")));
        assertFalse(gpt2.isEndOfGeneration(id(gpt2, "Hello")));
        assertFalse(gpt2.isEndOfGeneration(-1));
    }
}
