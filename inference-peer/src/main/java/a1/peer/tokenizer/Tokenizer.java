package a1.peer.tokenizer;

import a1.spec.gguf.GgufMetadata;

/**
 * Text to token ids and back, reproducing llama.cpp's tokenizers (commit c392e509) from the
 * {@code tokenizer.ggml.*} keys of a GGUF file: SentencePiece ("llama"), GPT-2 byte-level BPE ("gpt2") and
 * WordPiece ("bert"). Instances are immutable and safe to share between threads.
 */
public interface Tokenizer {

    /** Builds the tokenizer described by {@code metadata}; unsupported or malformed vocabularies throw {@link IllegalArgumentException}. */
    static Tokenizer fromGguf(GgufMetadata metadata) {
        return new LlamaTokenizer(Vocab.fromGguf(metadata));
    }

    /**
     * Token ids of {@code text}, as {@code llama_tokenize}. {@code addSpecial} adds BOS/EOS (and SEP for WordPiece)
     * as the vocabulary asks; {@code parseSpecial} lets control tokens written in the text (e.g. "&lt;s&gt;") become
     * those tokens. User-defined tokens are always matched, as in llama.cpp.
     */
    int[] encode(String text, boolean addSpecial, boolean parseSpecial);

    /** Bytes of the token's text as {@code llama_token_to_piece(special=false)}: control and unknown tokens give none. */
    default byte[] tokenBytes(int token) {
        return tokenBytes(token, false);
    }

    /**
     * Bytes of the token's text as {@code llama_token_to_piece(special)}: with {@code special} control and unknown
     * tokens render as their text (e.g. "&lt;s&gt;"), as llama-simple prints them.
     */
    byte[] tokenBytes(int token, boolean special);

    /** Text of the concatenated {@link #tokenBytes} of {@code tokens}; malformed UTF-8 becomes U+FFFD. */
    String decode(int... tokens);

    /** The token's string as stored in the vocabulary (e.g. "▁the", "Ġthe", "&lt;0x0A&gt;"). */
    String piece(int token);

    int vocabSize();

    /** Beginning-of-sequence id, or -1 when the vocabulary has none. */
    int bos();

    /** End-of-sequence id, or -1 when the vocabulary has none. */
    int eos();

    /** True for every token that ends generation in llama.cpp (EOS, EOT, EOM and the known end-of-turn texts). */
    boolean isEndOfGeneration(int token);

    /** A fresh decoder for streaming generated tokens as text without splitting multi-byte characters. */
    TextDecoder streamDecoder();
}
