package a1.peer.tokenizer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs that make naive regex splitting quadratic or recursive (long runs of one class) still encode in linear time. */
class LongInputTest {
    private static final int N = 50_000;

    static List<String> pathological() {
        return List.of(" ".repeat(N) + "1", "\t ".repeat(N / 2) + "x", "\n".repeat(N), "a".repeat(N), "1".repeat(N),
                "!".repeat(N), "é".repeat(N), "😀".repeat(N / 2), " \u00A0".repeat(N / 2) + "z", "中".repeat(N), "'s".repeat(N / 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-spm", "gpt-2", "falcon", "starcoder", "deepseek-llm", "deepseek-coder", "bert-bge"})
    void pathologicalInputsEncodeQuickly(String vocab) {
        Tokenizer t = Vocabs.vocab(vocab);
        for (String text : pathological()) {
            long t0 = System.nanoTime();
            int[] ids = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> t.encode(text, true, true),
                    () -> vocab + " too slow on a run of '" + text.substring(0, 2) + "'");
            assertTrue(ids.length > 0);
            System.out.printf("long input: %s, %d chars of '%s': %.1f ms%n", vocab, text.length(), text.substring(0, 2), (System.nanoTime() - t0) / 1e6);
        }
    }
}
