package a1.peer.tokenizer;

import a1.spec.testdata.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * llama-tokenize's ids (parse_special=true, with and without BOS) and pieces for the tok512 vocabulary of
 * stories260K and the 32000-piece Llama SentencePiece vocabulary, and the stories260K prompts and generated text.
 */
class GoldenTokenizerTest {

    static Stream<Arguments> tokenizeCases() {
        List<Arguments> all = new ArrayList<>();
        for (String file : List.of("tokenizer-tok512.json", "tokenizer-llama-spm-32000.json")) {
            for (JsonNode c : read(file).get("cases")) {
                List<String> pieces = new ArrayList<>();
                c.get("pieces").forEach(p -> pieces.add(p.asText()));
                all.add(Arguments.of(file, c.get("text").asText(), ints(c.get("ids_with_bos")), ints(c.get("ids_no_bos")), pieces));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("tokenizeCases")
    void idsAndPiecesMatchLlamaTokenize(String file, String text, int[] withBos, int[] noBos, List<String> pieces) {
        Tokenizer t = file.contains("tok512") ? Vocabs.stories() : Vocabs.llamaSpm();
        assertArrayEquals(withBos, t.encode(text, true, true), "with BOS");
        assertArrayEquals(noBos, t.encode(text, false, true), "without BOS");
        assertEquals(pieces, Arrays.stream(noBos).mapToObj(t::piece).toList(), "pieces");
    }

    static Stream<Arguments> storiesRuns() {
        List<Arguments> all = new ArrayList<>();
        for (String q : List.of("f32", "f16", "q8_0", "q4_0")) {
            for (JsonNode p : read("stories260K-" + q + ".json").get("prompts")) {
                all.add(Arguments.of(q, p.get("prompt").asText(), ints(p.get("prompt_ids")), ints(p.get("generated_ids")), p.get("text").asText()));
            }
        }
        for (String kv : List.of("kvf16", "kvf32")) {
            for (JsonNode p : read("long-stories260K-f32-" + kv + ".json").get("prompts")) {
                all.add(Arguments.of("long-" + kv, p.get("prompt").asText(), ints(p.get("prompt_ids")), ints(p.get("generated_ids")), p.get("text").asText()));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("storiesRuns")
    void storiesPromptIdsAndGeneratedText(String run, String prompt, int[] promptIds, int[] generated, String text) {
        Tokenizer t = Vocabs.stories();
        assertArrayEquals(promptIds, t.encode(prompt, true, true));
        // The golden text is llama-simple's output, which renders control tokens (the long run emits <s>).
        ByteArrayOutputStream rendered = new ByteArrayOutputStream();
        for (int id : generated) rendered.writeBytes(t.tokenBytes(id, true));
        assertEquals(text, rendered.toString(StandardCharsets.UTF_8));
        TextDecoder stream = t.streamDecoder();
        StringBuilder streamed = new StringBuilder();
        for (int id : generated) streamed.append(stream.next(id));
        assertEquals(t.decode(generated), streamed.append(stream.flush()).toString());
        if (Arrays.stream(generated).noneMatch(id -> t.tokenBytes(id).length == 0)) assertEquals(text, t.decode(generated));
    }

    @Test
    void controlTokensAreSilentUnlessRenderedAsSpecial() {
        Tokenizer t = Vocabs.stories();
        assertEquals(0, t.tokenBytes(1).length);
        assertEquals("<s>", new String(t.tokenBytes(1, true), StandardCharsets.UTF_8));
        assertEquals(" Once", t.decode(1, 403));
    }

    @Test
    void storiesSpecialIds() {
        Tokenizer t = Vocabs.stories();
        assertEquals(512, t.vocabSize());
        assertEquals(1, t.bos());
        assertEquals(2, t.eos());
        assertEquals(true, t.isEndOfGeneration(2));
        assertEquals(false, t.isEndOfGeneration(1), "llama.cpp does not stop on BOS (see golden README)");
    }

    private static JsonNode read(String golden) {
        try {
            return new ObjectMapper().readTree(SharedData.golden(golden).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }
}
