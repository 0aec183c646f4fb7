package a1.peer.tokenizer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hand-written scanners split exactly like their regexes run by a regex engine on llama.cpp's collapsed text
 * (seeded random text rich in the characters the regexes treat specially). For Qwen2 this is what justifies using
 * the scanner where llama.cpp uses std::regex.
 */
class ScannerMatchesRegexTest {
    private static final String[] ATOMS = {" ", " ", "  ", "\n", "\r\n", "\r", "\t", "\u00A0", "\u3000", "\u2028", "'", "'s", "'S",
            "'re", "'RE", "'Ll", "'ve", "'m", "'d", "'t", "'x", "a", "Z", "é", "ß", "中", "ا", "\u0301", "1", "22", "333", "4444",
            "٣", "½", "Ⅻ", "!", "?!", "...", "$", "+", "€", "😀", "\u200B", "\u0000", "\u0085", "_", "-", "\uE000", "\u0378"};

    @ParameterizedTest
    @ValueSource(strings = {PreTokenizer.GPT2, PreTokenizer.LLAMA3, PreTokenizer.QWEN2})
    void scannerSplitsLikeTheRegex(String regex) {
        PreTokenizer scanner = PreTokenizer.named(regex.equals(PreTokenizer.GPT2) ? "gpt-2" : regex.equals(PreTokenizer.LLAMA3) ? "llama3" : "qwen2");
        PreTokenizer engine = PreTokenizer.regexOnly(List.of(regex));
        Random r = new Random(regex.hashCode());
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(12); k > 0; k--) b.append(ATOMS[r.nextInt(ATOMS.length)]);
            String text = b.toString();
            assertEquals(engine.split(text), scanner.split(text), () -> "split of '" + text.replace("\n", "\\n").replace("\r", "\\r") + "'");
        }
    }
}
