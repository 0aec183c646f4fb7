package a1.peer.tokenizer;

import a1.spec.testdata.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every case of llama.cpp's tokenizer test files (models/ggml-vocab-*.gguf.inp/.out) gives llama.cpp's ids, called
 * as tests/test-tokenizer-0.cpp calls it: add_special=false, parse_special=false.
 */
class LlamaCppVocabTest {
    static final List<String> VOCABS = List.of("llama-spm", "phi-3", "gpt-2", "mpt", "falcon", "starcoder", "refact",
            "deepseek-llm", "deepseek-coder", "bert-bge");
    private static final String SEPARATOR = "\n__ggml_vocab_test__\n";

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (String vocab : VOCABS) {
            Path base = SharedData.vocab("ggml-vocab-" + vocab + ".gguf");
            String raw = Files.readString(Path.of(base + ".inp"), StandardCharsets.UTF_8);
            List<String> expected = Files.readAllLines(Path.of(base + ".out"), StandardCharsets.UTF_8);
            List<String> inputs = new ArrayList<>();
            for (int pos = 0; pos < raw.length(); ) {
                int next = raw.indexOf(SEPARATOR, pos);
                if (next < 0) {
                    inputs.add(raw.substring(pos));
                    break;
                }
                inputs.add(raw.substring(pos, next));
                pos = next + SEPARATOR.length();
            }
            assertEquals(expected.size(), inputs.size(), vocab + ": .inp and .out disagree on the number of cases");
            for (int i = 0; i < inputs.size(); i++) {
                String line = expected.get(i).strip();
                int[] ids = line.isEmpty() ? new int[0] : Arrays.stream(line.split(" ")).mapToInt(Integer::parseInt).toArray();
                all.add(Arguments.of(vocab, i, inputs.get(i), ids));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} #{1}")
    @MethodSource("cases")
    void encodesLikeLlamaCpp(String vocab, int index, String input, int[] expected) {
        int[] actual = Vocabs.vocab(vocab).encode(input, false, false);
        assertArrayEquals(expected, actual, () -> vocab + " case " + index + " '" + input + "': expected " + Arrays.toString(expected) + " got " + Arrays.toString(actual));
    }
}
