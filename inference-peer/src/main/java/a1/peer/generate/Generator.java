package a1.peer.generate;

import a1.peer.forward.Session;
import a1.peer.sampling.Sampler;
import java.util.Arrays;
import java.util.function.IntPredicate;

/** The generation loop: prefill the prompt in one batch, then one token at a time. */
public final class Generator {

    /** What a generation produced and how long each phase took. */
    public record Result(int[] tokens, int promptTokens, long prefillNanos, long decodeNanos, boolean contextFull) {
        public double prefillTokensPerSecond() {
            return promptTokens * 1e9 / Math.max(1, prefillNanos);
        }

        /** Decode rate over the tokens after the first (the first comes out of the prefill). */
        public double decodeTokensPerSecond() {
            return Math.max(0, tokens.length - 1) * 1e9 / Math.max(1, decodeNanos);
        }
    }

    /** Receives each token as soon as it is chosen. */
    @FunctionalInterface
    public interface TokenSink {
        void accept(int token);
    }

    private Generator() {}

    /**
     * Generates up to {@code maxTokens} after {@code prompt}. Stops early after a token for which {@code stop}
     * is true (that token is included), or when the session is full ({@link Result#contextFull}).
     */
    public static Result generate(Session session, int[] prompt, int maxTokens, Sampler sampler, IntPredicate stop, TokenSink sink) {
        if (prompt.length == 0) throw new IllegalArgumentException("the prompt is empty");
        if (prompt.length >= session.capacity()) throw new IllegalArgumentException("the prompt has " + prompt.length + " tokens; the context holds " + session.capacity());
        // At most what the context holds, whatever was asked: -n 2000000000 must not allocate 8 GB.
        int[] out = new int[Math.min(maxTokens, session.capacity() - prompt.length + 1)];
        int n = 0;
        long t0 = System.nanoTime();
        float[] logits = session.append(prompt);
        long t1 = System.nanoTime();
        boolean full = false;
        while (n < maxTokens) {
            int token = sampler.sample(logits);
            out[n++] = token;
            sink.accept(token);
            if (stop.test(token) || n == maxTokens) break;
            if (session.length() >= session.capacity()) {
                full = true;
                break;
            }
            logits = session.append(new int[] {token});
        }
        long t2 = System.nanoTime();
        return new Result(Arrays.copyOf(out, n), prompt.length, t1 - t0, t2 - t1, full);
    }
}
