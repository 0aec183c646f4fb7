package a1.peer.tokenizer;

import a1.spec.gguf.GgufMetadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The vocabulary as llama.cpp's llama_vocab::load leaves it: token texts, scores and attributes, special ids with
 * the per-model defaults, the add-BOS/EOS flags, BPE merge ranks and pre-tokenizer, the end-of-generation set and
 * the special tokens (longest first) that are matched in text before tokenizing.
 */
final class Vocab {
    enum Type { SPM, BPE, WPM }

    // llama_token_attr bits
    static final int ATTR_UNKNOWN = 1, ATTR_UNUSED = 2, ATTR_NORMAL = 4, ATTR_CONTROL = 8, ATTR_USER_DEFINED = 16,
            ATTR_BYTE = 32, ATTR_LSTRIP = 128, ATTR_RSTRIP = 256;

    /** Texts llama.cpp (c392e509) treats as end of generation whatever their declared type. */
    private static final Set<String> EOG_TEXTS = Set.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>",
            "<|endoftext|>", "<|eom_id|>", "<EOT>");

    /**
     * Special tokens llama.cpp finds by text when their id key is absent; whatever their declared type they become
     * plain control tokens (so they are only parsed from text with parse_special), and some end generation.
     */
    private enum AutoSpecial {
        EOT(true, List.of("tokenizer.ggml.eot_token_id"), "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>",
                "<|endoftext|>", "<EOT>", "<｜end▁of▁sentence｜>"),
        EOM(true, List.of("tokenizer.ggml.eom_token_id"), "<|eom_id|>"),
        FIM_PRE(false, List.of("tokenizer.ggml.fim_pre_token_id", "tokenizer.ggml.prefix_token_id"),
                "<|fim_prefix|>", "<fim-prefix>", "<｜fim▁begin｜>", "<PRE>"),
        FIM_SUF(false, List.of("tokenizer.ggml.fim_suf_token_id", "tokenizer.ggml.suffix_token_id"),
                "<|fim_suffix|>", "<fim-suffix>", "<｜fim▁hole｜>", "<SUF>"),
        FIM_MID(false, List.of("tokenizer.ggml.fim_mid_token_id", "tokenizer.ggml.middle_token_id"),
                "<|fim_middle|>", "<fim-middle>", "<｜fim▁end｜>", "<MID>"),
        FIM_PAD(true, List.of("tokenizer.ggml.fim_pad_token_id"), "<|fim_pad|>", "<fim-pad>", "<PAD>"),
        FIM_REP(true, List.of("tokenizer.ggml.fim_rep_token_id"), "<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>"),
        FIM_SEP(true, List.of("tokenizer.ggml.fim_sep_token_id"), "<|file_sep|>");

        final boolean endsGeneration;
        final List<String> keys;
        final Set<String> texts;

        AutoSpecial(boolean endsGeneration, List<String> keys, String... texts) {
            this.endsGeneration = endsGeneration;
            this.keys = keys;
            this.texts = Set.of(texts);
        }
    }

    final Type type;
    final String[] text;
    final float[] score;
    final int[] attr;
    final Map<String, Integer> ids;
    final int maxTokenBytes;
    final int bos, eos, unk, sep;
    final boolean addSpacePrefix, addBos, addEos;
    final PreTokenizer pre;          // BPE only
    final Map<String, Integer> mergeRank; // "left right" -> rank, BPE only
    final int[] specialTokens;       // control, user-defined and unknown tokens, longest text first
    final BitSet endOfGeneration = new BitSet();

    private Vocab(MetadataReader md) {
        String model = md.string("tokenizer.ggml.model");
        String preName = md.optionalString("tokenizer.ggml.pre").orElse("");
        int bosId, eosId, unkId, sepId;
        boolean spacePrefix, bosFlag;
        switch (model) {
            case "llama" -> {
                type = Type.SPM;
                bosId = 1; eosId = 2; unkId = 0; sepId = -1;
                spacePrefix = true; bosFlag = true;
            }
            case "gpt2" -> {
                type = Type.BPE;
                bosId = 11; eosId = 11; unkId = -1; sepId = -1;
                spacePrefix = false; bosFlag = false;
            }
            case "bert" -> {
                type = Type.WPM;
                bosId = 101; eosId = -1; unkId = 100; sepId = 102;
                spacePrefix = false; bosFlag = true;
            }
            default -> throw new IllegalArgumentException("unsupported tokenizer.ggml.model '" + model + "' (supported: llama, gpt2, bert)");
        }
        pre = type == Type.BPE ? PreTokenizer.named(preName) : null;
        if (pre != null && pre.llama3Defaults) bosFlag = true;
        addSpacePrefix = md.optionalBool("tokenizer.ggml.add_space_prefix").orElse(spacePrefix);

        text = md.optionalStringArray("tokenizer.ggml.tokens")
                .orElseThrow(() -> new IllegalArgumentException("GGUF metadata has no key tokenizer.ggml.tokens"));
        int n = text.length;
        if (n == 0) throw new IllegalArgumentException("tokenizer.ggml.tokens is empty");
        score = new float[n];
        md.optionalNumberArray("tokenizer.ggml.scores").ifPresent(s -> copyChecked("tokenizer.ggml.scores", s, score));
        attr = new int[n];
        java.util.Arrays.fill(attr, ATTR_NORMAL);
        md.optionalIntArray("tokenizer.ggml.token_type").ifPresent(types -> {
            if (types.length < n) throw new IllegalArgumentException("tokenizer.ggml.token_type has " + types.length + " entries for " + n + " tokens");
            for (int i = 0; i < n; i++) attr[i] = attrOfType(types[i]);
        });
        ids = new HashMap<>(n * 2);
        int maxBytes = 0;
        for (int i = 0; i < n; i++) {
            if (text[i].isEmpty()) text[i] = "[EMPTY_" + i + "]";
            Integer previous = ids.putIfAbsent(text[i], i);
            if (previous != null) throw new IllegalArgumentException("duplicate token in vocabulary: '" + text[i] + "' has ids " + previous + " and " + i);
            maxBytes = Math.max(maxBytes, text[i].getBytes(StandardCharsets.UTF_8).length);
        }
        maxTokenBytes = maxBytes;
        mergeRank = type == Type.BPE ? readMerges(md) : Map.of();

        bos = specialId(md, "tokenizer.ggml.bos_token_id", bosId);
        eos = specialId(md, "tokenizer.ggml.eos_token_id", eosId);
        unk = specialId(md, "tokenizer.ggml.unknown_token_id", unkId);
        sep = specialId(md, "tokenizer.ggml.seperator_token_id", sepId);
        addBos = md.optionalBool("tokenizer.ggml.add_bos_token").orElse(bosFlag);
        addEos = md.optionalBool("tokenizer.ggml.add_eos_token").orElse(false);
        if (addBos && bos < 0) throw new IllegalArgumentException("tokenizer.ggml.add_bos_token is true, but tokenizer.ggml.bos_token_id is not set");
        if (addEos && eos < 0) throw new IllegalArgumentException("tokenizer.ggml.add_eos_token is true, but tokenizer.ggml.eos_token_id is not set");
        if (type == Type.WPM && sep < 0) throw new IllegalArgumentException("WordPiece vocabulary has no separator token");

        if (eos >= 0) endOfGeneration.set(eos);
        // llama.cpp scans an unordered map, so with several candidate texts the winner is unspecified; here the lowest id wins.
        for (AutoSpecial kind : AutoSpecial.values()) {
            int id = -1;
            for (String key : kind.keys) id = specialId(md, key, id);
            for (int i = 0; i < n && id < 0; i++) {
                if (kind.texts.contains(text[i])) {
                    id = i;
                    if (!has(i, ATTR_CONTROL)) attr[i] = ATTR_CONTROL;
                }
            }
            if (id >= 0 && kind.endsGeneration) endOfGeneration.set(id);
        }
        for (int i = 0; i < n; i++) {
            if (EOG_TEXTS.contains(text[i])) {
                endOfGeneration.set(i);
                if (!has(i, ATTR_CONTROL)) attr[i] = ATTR_CONTROL;
            }
        }

        List<Integer> specials = new ArrayList<>();
        for (int i = 0; i < n; i++) if ((attr[i] & (ATTR_CONTROL | ATTR_USER_DEFINED | ATTR_UNKNOWN)) != 0) specials.add(i);
        // llama.cpp sorts by byte length only (unstable); ties go to the lower id here.
        specials.sort(Comparator.<Integer>comparingInt(i -> -text[i].getBytes(StandardCharsets.UTF_8).length).thenComparingInt(i -> i));
        specialTokens = specials.stream().mapToInt(Integer::intValue).toArray();

        String name = md.optionalString("general.name").orElse("").toLowerCase(Locale.ROOT);
        if (name.contains("phi-3") || name.contains("phi3")) {
            // Phi-3's chat tokens swallow the whitespace after them (tokenizer.json rstrip), except these three.
            for (int id : specialTokens) attr[id] |= ATTR_RSTRIP;
            setFlag("</s>", ATTR_RSTRIP, true);
            for (String t : new String[] {"<unk>", "<s>", "<|endoftext|>"}) setFlag(t, ATTR_RSTRIP, false);
        }
    }

    static Vocab fromGguf(GgufMetadata metadata) {
        return new Vocab(new MetadataReader(metadata));
    }

    int size() {
        return text.length;
    }

    /** The id of {@code piece}, or -1. */
    int id(String piece) {
        Integer id = ids.get(piece);
        return id == null ? -1 : id;
    }

    boolean has(int token, int attrBits) {
        return (attr[token] & attrBits) != 0;
    }

    private void setFlag(String token, int bit, boolean on) {
        int id = id(token);
        if (id >= 0) attr[id] = on ? attr[id] | bit : attr[id] & ~bit;
    }

    private int specialId(MetadataReader md, String key, int defaultId) {
        int id = defaultId >= text.length ? -1 : defaultId;
        long v = md.optionalUnsigned(key).orElse(-1L);
        return v >= 0 && v < text.length ? (int) v : id;
    }

    private Map<String, Integer> readMerges(MetadataReader md) {
        String[] merges = md.optionalStringArray("tokenizer.ggml.merges")
                .orElseThrow(() -> new IllegalArgumentException("GGUF metadata has no key tokenizer.ggml.merges (needed by gpt2 tokenizers)"));
        Map<String, Integer> ranks = new HashMap<>(merges.length * 2);
        for (int i = 0; i < merges.length; i++) {
            String m = merges[i];
            int space = m.indexOf(' ', 1);
            if (space < 0) throw new IllegalArgumentException("tokenizer.ggml.merges[" + i + "] '" + m + "' is not two tokens separated by a space");
            String left = m.substring(0, space), right = m.substring(space + 1);
            if (!ids.containsKey(left) || !ids.containsKey(right)) {
                throw new IllegalArgumentException("tokenizer.ggml.merges[" + i + "] '" + m + "' refers to a token not in the vocabulary");
            }
            ranks.putIfAbsent(m, i);
        }
        return ranks;
    }

    private static void copyChecked(String key, float[] from, float[] to) {
        if (from.length < to.length) throw new IllegalArgumentException(key + " has " + from.length + " entries for " + to.length + " tokens");
        System.arraycopy(from, 0, to, 0, to.length);
    }

    /** tokenizer.ggml.token_type values (llama_token_type) to attribute bits. */
    private static int attrOfType(int type) {
        return switch (type) {
            case 1 -> ATTR_NORMAL;
            case 2 -> ATTR_UNKNOWN;
            case 3 -> ATTR_CONTROL;
            case 4 -> ATTR_USER_DEFINED;
            case 5 -> ATTR_UNUSED;
            case 6 -> ATTR_BYTE;
            default -> 0;
        };
    }
}
