package a1.kernels;

import a1.kernels.format.Simd;
import a1.spec.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gets each weight format's one-token (decode) kernel compiled before anything else in the JVM runs. C2 inlines the
 * Vector API's shared methods into a kernel guided by type profiles that every kernel feeds. When a prefill's batch
 * kernels and the attention ran first, the profiles the Q8_0 decode kernel was compiled from were mixed, and it
 * compiled to code that boxed its vectors: 2.5x the machine code and half the decode speed of big-Q8_0 for the
 * rest of the process (docs/PERFORMANCE.md, session 8). Compiled first, it stays fast whatever runs after it.
 */
public final class JitWarmUp {
    private static final Set<GgmlType> DONE = ConcurrentHashMap.newKeySet();
    /** A multiple of every block size (256 for the K-quants), and enough rows for a few row groups. */
    private static final int ROWS = 256, COLS = 1024;
    private static final int CALLS_PER_ROUND = 50;
    /** Compiled code takes over when a round runs this many times faster than the first, interpreted one. */
    private static final int SPEED_UP = 20;
    private static final long BUDGET_NANOS = 3_000_000_000L;

    private JitWarmUp() {}

    /**
     * Runs the one-token product of each type in {@code types} not yet warmed in this JVM, on a zero matrix, until
     * the JIT has compiled it or 3 s have passed. Takes about a second per type; nothing to do without the Vector API.
     */
    public static void oneToken(Collection<GgmlType> types) {
        if (!Simd.ENABLED) return;
        for (GgmlType type : types) {
            if (DONE.add(type)) warm(type);
        }
    }

    /** Whether {@link #oneToken} has run for {@code type} in this JVM. */
    static boolean warmed(GgmlType type) {
        return DONE.contains(type);
    }

    private static void warm(GgmlType type) {
        WeightMatrix w = new WeightMatrix(type, Arena.ofAuto().allocate(ROWS * type.byteSize(COLS), 64), ROWS, COLS);
        float[] x = new float[COLS];
        float[] out = new float[ROWS];
        try (Parallel caller = new Parallel(1)) {
            MatMul m = new MatMul(caller);
            long start = System.nanoTime();
            long first = 0;
            while (System.nanoTime() - start < BUDGET_NANOS) {
                long t0 = System.nanoTime();
                for (int i = 0; i < CALLS_PER_ROUND; i++) m.apply(w, x, 1, out);
                long t = System.nanoTime() - t0;
                if (first == 0) first = t;
                else if (t * SPEED_UP < first) return;
            }
        }
    }
}
