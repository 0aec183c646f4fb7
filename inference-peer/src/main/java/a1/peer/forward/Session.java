package a1.peer.forward;

/**
 * One sequence being generated: tokens go in, the logits after the last one come out. A local model and a chain of
 * remote peers are both sessions, so generation, sampling and the tests do not care where the layers run.
 */
public interface Session extends AutoCloseable {
    /** Appends {@code tokens} at the end of the sequence and returns the logits that follow the last of them. */
    float[] append(int[] tokens);

    /** Tokens in the sequence so far. */
    int length();

    /** The longest sequence this session can hold. */
    int capacity();

    @Override
    void close();
}
