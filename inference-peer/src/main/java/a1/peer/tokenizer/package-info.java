/**
 * Tokenizers that reproduce llama.cpp's token ids from GGUF metadata.
 *
 * <p>{@link a1.peer.tokenizer.Tokenizer#fromGguf} reads the {@code tokenizer.ggml.*} keys into a {@code Vocab}
 * (attributes, special ids, flags, merges) and picks the encoder for {@code tokenizer.ggml.model}: "llama"
 * (SentencePiece BPE with byte fallback), "gpt2" (byte-level BPE behind the pre-tokenizer named by
 * {@code tokenizer.ggml.pre}) or "bert" (WordPiece). Encoding first cuts special-token texts out of the input
 * ({@code SpecialTokenSplitter}), then encodes each text piece. Decoding maps each token to bytes once, at load;
 * {@link a1.peer.tokenizer.TextDecoder} turns a token stream into whole characters.
 */
package a1.peer.tokenizer;
