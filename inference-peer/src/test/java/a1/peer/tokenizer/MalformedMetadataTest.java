package a1.peer.tokenizer;

import a1.spec.gguf.GgufMetadata;
import a1.spec.gguf.GgufValue;
import a1.spec.gguf.GgufValueType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Missing keys, wrong types and inconsistent vocabularies are one clear IllegalArgumentException, never another failure. */
class MalformedMetadataTest {

    static Map<String, GgufValue> spm() {
        Map<String, GgufValue> m = new LinkedHashMap<>();
        m.put("tokenizer.ggml.model", GgufValue.ofString("llama"));
        m.put("tokenizer.ggml.tokens", strings("<unk>", "<s>", "</s>", "▁", "a", "b", "▁a", "ab", "▁ab"));
        m.put("tokenizer.ggml.scores", GgufValue.ofArray(GgufValueType.FLOAT32, List.of(0f, 0f, 0f, -1f, -2f, -2f, -0.5f, -0.7f, -0.1f)));
        m.put("tokenizer.ggml.token_type", GgufValue.ofArray(GgufValueType.INT32, List.of(2L, 3L, 3L, 1L, 1L, 1L, 1L, 1L, 1L)));
        return m;
    }

    static Map<String, GgufValue> bpe() {
        Map<String, GgufValue> m = new LinkedHashMap<>();
        m.put("tokenizer.ggml.model", GgufValue.ofString("gpt2"));
        m.put("tokenizer.ggml.pre", GgufValue.ofString("gpt-2"));
        m.put("tokenizer.ggml.tokens", strings("a", "b", "ab", "Ġ", "Ġab", "<|endoftext|>"));
        m.put("tokenizer.ggml.merges", strings("a b", "Ġ ab"));
        return m;
    }

    private static GgufValue strings(String... s) {
        return GgufValue.ofArray(GgufValueType.STRING, List.of((Object[]) s));
    }

    private static Tokenizer build(Map<String, GgufValue> base, Consumer<Map<String, GgufValue>> change) {
        Map<String, GgufValue> m = new LinkedHashMap<>(base);
        change.accept(m);
        return Tokenizer.fromGguf(new GgufMetadata(m));
    }

    private static void rejects(Map<String, GgufValue> base, Consumer<Map<String, GgufValue>> change, String messagePart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(base, change));
        assertTrue(e.getMessage().contains(messagePart), () -> "message '" + e.getMessage() + "' does not mention '" + messagePart + "'");
    }

    @Test
    void wellFormedSyntheticVocabulariesWork() {
        assertArrayEquals(new int[] {1, 8}, build(spm(), m -> {}).encode("ab", true, false));
        assertArrayEquals(new int[] {2, 4}, build(bpe(), m -> {}).encode("ab ab", false, false));
    }

    @Test
    void missingKeys() {
        rejects(spm(), m -> m.remove("tokenizer.ggml.model"), "tokenizer.ggml.model");
        rejects(spm(), m -> m.remove("tokenizer.ggml.tokens"), "tokenizer.ggml.tokens");
        rejects(bpe(), m -> m.remove("tokenizer.ggml.merges"), "tokenizer.ggml.merges");
    }

    @Test
    void wrongTypes() {
        rejects(spm(), m -> m.put("tokenizer.ggml.model", GgufValue.ofUInt32(1)), "tokenizer.ggml.model");
        rejects(spm(), m -> m.put("tokenizer.ggml.tokens", GgufValue.ofString("a")), "tokenizer.ggml.tokens");
        rejects(spm(), m -> m.put("tokenizer.ggml.tokens", GgufValue.ofArray(GgufValueType.INT32, List.of(1L))), "tokenizer.ggml.tokens");
        rejects(spm(), m -> m.put("tokenizer.ggml.scores", strings("x")), "tokenizer.ggml.scores");
        rejects(spm(), m -> m.put("tokenizer.ggml.token_type", GgufValue.ofArray(GgufValueType.FLOAT32, List.of(1f))), "tokenizer.ggml.token_type");
        rejects(spm(), m -> m.put("tokenizer.ggml.bos_token_id", GgufValue.ofString("1")), "tokenizer.ggml.bos_token_id");
        rejects(spm(), m -> m.put("tokenizer.ggml.add_bos_token", GgufValue.ofUInt32(1)), "tokenizer.ggml.add_bos_token");
        rejects(bpe(), m -> m.put("tokenizer.ggml.merges", GgufValue.ofArray(GgufValueType.INT32, List.of(1L))), "tokenizer.ggml.merges");
    }

    @Test
    void inconsistentVocabularies() {
        rejects(spm(), m -> m.put("tokenizer.ggml.model", GgufValue.ofString("t5")), "unsupported tokenizer.ggml.model 't5'");
        rejects(bpe(), m -> m.put("tokenizer.ggml.pre", GgufValue.ofString("no-such-pre")), "unsupported tokenizer.ggml.pre 'no-such-pre'");
        rejects(bpe(), m -> m.put("tokenizer.ggml.merges", strings("a b", "a zz")), "refers to a token not in the vocabulary");
        rejects(bpe(), m -> m.put("tokenizer.ggml.merges", strings("ab")), "not two tokens separated by a space");
        rejects(spm(), m -> m.put("tokenizer.ggml.tokens", strings()), "empty");
        rejects(spm(), m -> m.put("tokenizer.ggml.tokens", strings("<unk>", "<s>", "a", "a")), "duplicate token");
        rejects(spm(), m -> m.put("tokenizer.ggml.scores", GgufValue.ofArray(GgufValueType.FLOAT32, List.of(0f))), "tokenizer.ggml.scores has 1 entries");
        rejects(bpe(), m -> m.put("tokenizer.ggml.add_bos_token", GgufValue.ofBool(true)), "bos_token_id is not set");
    }

    @Test
    void outOfRangeTokenIdsAreRejected() {
        Tokenizer t = build(spm(), m -> {});
        assertThrows(IllegalArgumentException.class, () -> t.piece(9));
        assertThrows(IllegalArgumentException.class, () -> t.tokenBytes(-1));
        assertThrows(IllegalArgumentException.class, () -> t.streamDecoder().next(100));
    }

    /** Seeded mutation: replace or drop random keys with random values; loading and encoding either work or say what is wrong. */
    @Test
    void randomlyMutatedMetadataFailsOnlyWithIllegalArgument() {
        Random r = new Random(42);
        for (int i = 0; i < 2000; i++) {
            Map<String, GgufValue> base = r.nextBoolean() ? spm() : bpe();
            List<String> keys = new ArrayList<>(base.keySet());
            keys.addAll(List.of("tokenizer.ggml.bos_token_id", "tokenizer.ggml.add_bos_token", "tokenizer.ggml.add_eos_token",
                    "tokenizer.ggml.eos_token_id", "tokenizer.ggml.unknown_token_id", "general.name", "tokenizer.ggml.add_space_prefix"));
            Map<String, GgufValue> m = new LinkedHashMap<>(base);
            for (int k = 1 + r.nextInt(2); k > 0; k--) {
                String key = keys.get(r.nextInt(keys.size()));
                if (r.nextInt(5) == 0) m.remove(key);
                else m.put(key, randomValue(r));
            }
            try {
                Tokenizer t = Tokenizer.fromGguf(new GgufMetadata(m));
                t.encode(TokenizerPropertyTest.randomText(r), r.nextBoolean(), r.nextBoolean());
                t.decode(t.encode("ab ab a", true, true));
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
            } catch (RuntimeException e) {
                fail("metadata " + m + " failed with " + e, e);
            }
        }
    }

    private static GgufValue randomValue(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> GgufValue.ofString(r.nextBoolean() ? "gpt2" : "llama");
            case 1 -> GgufValue.ofUInt32(r.nextInt(20));
            case 2 -> GgufValue.ofBool(r.nextBoolean());
            case 3 -> GgufValue.ofFloat32(r.nextFloat());
            case 4 -> strings(pick(r), pick(r), pick(r));
            case 5 -> GgufValue.ofArray(GgufValueType.INT32, List.of((long) r.nextInt(8) - 1, (long) r.nextInt(8)));
            case 6 -> GgufValue.ofArray(GgufValueType.FLOAT32, List.of(r.nextFloat(), -r.nextFloat()));
            default -> GgufValue.ofString(pick(r));
        };
    }

    private static String pick(Random r) {
        String[] s = {"", "a", "b", "a b", "ab", " ", "<s>", "<0x41>", "▁", "Ġ", "gpt-2", "x y z", "<|endoftext|>"};
        return s[r.nextInt(s.length)];
    }
}
