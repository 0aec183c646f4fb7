package a1.kernels;

import a1.kernels.format.Formats;
import a1.kernels.format.Simd;
import a1.spec.gguf.GgmlType;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gets each weight format's regrouped one-token (decode) kernel compiled before a model's first forward pass. C2
 * inlines the Vector API's shared methods into a kernel guided by type profiles that every kernel feeds. When a
 * prefill's batch kernels and the attention ran first, the profiles the Q8_0 decode kernel was compiled from were
 * mixed, and it compiled to code that boxed its vectors: 2.5x the machine code and half the decode speed of
 * big-Q8_0 for the rest of the process (docs/PERFORMANCE.md, session 8). Compiled first, it stays fast whatever
 * runs after it.
 */
public final class JitWarmUp {
    private static final Set<GgmlType> DONE = ConcurrentHashMap.newKeySet(); // read unlocked by warmed()
    /** The warm-up matrix: a multiple of every block size (256 for the K-quants) wide, and a few row groups. */
    private static final int ROWS = 64, COLS = 1024;
    private static final int CALLS_PER_ROUND = 10;
    /** Compiled code has taken over when a round runs this many times faster than the first, interpreted one. */
    private static final int SPEED_UP = 20;
    private static final long BUDGET_NANOS = 3_000_000_000L;
    private static final long QUIET_NANOS = 100_000_000L;

    private JitWarmUp() {}

    /**
     * For each type among {@code matrices} whose one-token product runs on a regrouped copy and that is not yet
     * warmed in this JVM, runs one-token products with the first elements of a matrix of that type, seen as a small
     * matrix, until they run compiled and the JIT has been idle for 0.1 s, or 3 s have passed (about a second per
     * type here). The view keeps the model's memory, so the kernels meet the kind of memory segment they will
     * read. The float formats' dots are left alone: warmed on a smaller matrix, the F16 dot was compiled with a loop
     * predicate that the model's rows then failed, and its recompiled code decoded big-F16 at half speed. (F16's
     * one-token {@code FiniteF16Rows} is not a copy and is not warmed either: compiled after a prefill, its loop was
     * the same clean code.) Nothing to do without the Vector API. A second caller with the same type waits until it
     * is warm.
     */
    public static synchronized void oneToken(Collection<WeightMatrix> matrices) {
        if (!Simd.ENABLED) return;
        for (WeightMatrix m : matrices) {
            if (!DONE.add(m.type())) continue;
            WeightMatrix v = view(m);
            if (Formats.of(m.type()).altKernel(v.rows(), v.cols(), 1)) warm(v);
        }
    }

    /** Whether {@link #oneToken} has been given {@code type} in this JVM (and warmed it if it needed to). */
    static boolean warmed(GgmlType type) {
        return DONE.contains(type);
    }

    /** The first elements of {@code m} as a matrix of at most {@link #ROWS} rows of {@link #COLS}. */
    static WeightMatrix view(WeightMatrix m) {
        int cols = Math.min(COLS, m.cols());
        int rows = (int) Math.min(ROWS, (long) m.rows() * m.cols() / cols);
        return new WeightMatrix(m.type(), m.data().asSlice(0, rows * m.type().byteSize(cols)), rows, cols);
    }

    private static void warm(WeightMatrix w) {
        float[] x = new float[w.cols()];
        float[] out = new float[w.rows()];
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        try (Parallel caller = new Parallel(1)) {
            MatMul m = new MatMul(caller);
            long start = System.nanoTime();
            long first = 0, jitMillis = -1, quietSince = 0;
            while (System.nanoTime() - start < BUDGET_NANOS) {
                long t0 = System.nanoTime();
                for (int i = 0; i < CALLS_PER_ROUND; i++) m.apply(w, x, 1, out);
                long now = System.nanoTime();
                if (first == 0) {
                    first = now - t0;
                } else if ((now - t0) * SPEED_UP < first) {
                    // Faster code is running; done once the compiler has been idle for a while, so that the final
                    // compile is installed and not still reading profiles that a prefill could change.
                    long j = timed ? jit.getTotalCompilationTime() : -1;
                    if (j != jitMillis || quietSince == 0) {
                        jitMillis = j;
                        quietSince = now;
                    } else if (now - quietSince >= QUIET_NANOS) {
                        return;
                    }
                }
            }
        }
    }
}
