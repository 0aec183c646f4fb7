package a1.peer.tokenizer;

/** Turns a stream of tokens into text, holding back bytes until they form whole UTF-8 characters. Not thread-safe. */
public interface TextDecoder {

    /** Adds {@code token} and returns the text that became complete (possibly ""). */
    String next(int token);

    /** Returns what is still held back, malformed or incomplete sequences as U+FFFD, and resets the decoder. */
    String flush();
}
