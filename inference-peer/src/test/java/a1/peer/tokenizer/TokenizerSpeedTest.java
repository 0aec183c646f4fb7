package a1.peer.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encoding 10,000 characters takes milliseconds (a priority queue of pairs, hash lookups, no quadratic copying).
 * The bound is loose because the build machine is shared; the measured times are printed.
 */
class TokenizerSpeedTest {
    private static final long BOUND_NANOS = 250_000_000L;

    static String prose(int chars) {
        String[] words = {"the", "little", "dog", "ran", "to", "park", "and", "saw", "a", "big", "red", "ball,", "Lily", "said:", "\"hello!\"", "\n", "café", "über", "12345", "naïve"};
        Random r = new Random(7);
        StringBuilder b = new StringBuilder();
        while (b.length() < chars) b.append(words[r.nextInt(words.length)]).append(' ');
        return b.substring(0, chars);
    }

    private static long bestOfFive(Tokenizer t, String text) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            long t0 = System.nanoTime();
            t.encode(text, true, false);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    private static void fast(String what, Tokenizer t, String text) {
        long nanos = bestOfFive(t, text);
        System.out.printf("tokenizer speed: %s, %d chars -> %d tokens in %.2f ms%n", what, text.length(), t.encode(text, true, false).length, nanos / 1e6);
        assertTrue(nanos < BOUND_NANOS, what + " took " + nanos / 1e6 + " ms");
    }

    @Test
    void sentencePiece32000EncodesTenThousandCharactersInMilliseconds() {
        String text = prose(10_000);
        assertEquals(10_000, text.length());
        fast("llama-spm prose", SharedData.llamaSpm(), text);
        fast("llama-spm one 10k-char word", SharedData.llamaSpm(), "ab".repeat(5_000));
    }

    @Test
    void byteLevelBpeEncodesTenThousandCharactersInMilliseconds() {
        fast("gpt-2 prose", SharedData.vocab("gpt-2"), prose(10_000));
        fast("gpt-2 one 10k-char word", SharedData.vocab("gpt-2"), "ab".repeat(5_000));
        fast("deepseek-llm prose", SharedData.vocab("deepseek-llm"), prose(10_000));
    }
}
