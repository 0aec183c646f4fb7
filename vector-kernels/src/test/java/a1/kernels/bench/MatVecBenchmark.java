package a1.kernels.bench;

import a1.kernels.MatMul;
import a1.kernels.Parallel;
import a1.kernels.WeightMatrix;
import a1.spec.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Matrix-vector product (one token) on a 16384 x 4096 matrix of random weights, larger than the caches (even the
 * 4-bit ones exceed a 32 MiB L3), so the kernel streams its weights from memory. {@link #main} runs a short JMH
 * pass and prints GB/s of weights read, then the same single-threaded product timed in thread CPU time, which
 * stays meaningful when other processes share the cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatVecBenchmark {
    static final int ROWS = 16384, COLS = 4096;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @Param({"Q8_0", "Q4_0", "F16", "Q4_K", "Q6_K", "F32", "BF16", "Q5_K", "Q4_1", "Q5_0"})
    public String type;

    @Param({"1", "2"})
    public int threads;

    private Arena arena;
    private Parallel pool;
    private MatMul matMul;
    private WeightMatrix w;
    private float[] x = new float[COLS];
    private float[] out = new float[ROWS];

    @Setup(Level.Trial)
    public void setup() {
        GgmlType t = GgmlType.valueOf(type);
        arena = Arena.ofShared();
        w = new WeightMatrix(t, randomWeights(t, arena), ROWS, COLS);
        Random rnd = new Random(1);
        for (int i = 0; i < COLS; i++) x[i] = (float) rnd.nextGaussian();
        pool = new Parallel(threads);
        matMul = new MatMul(pool);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        arena.close();
    }

    @Benchmark
    public float matVec() {
        matMul.apply(w, x, 1, out);
        return out[0];
    }

    /** Random quant bytes with finite block scales (every quant bit pattern is valid). */
    static MemorySegment randomWeights(GgmlType t, Arena arena) {
        return randomWeights(t, ROWS, COLS, arena);
    }

    public static MemorySegment randomWeightsFor(GgmlType t, int rows, int cols) {
        return randomWeights(t, rows, cols, Arena.ofAuto());
    }

    static MemorySegment randomWeights(GgmlType t, int rows, int cols, Arena arena) {
        long bytes = rows * t.byteSize(cols);
        MemorySegment seg = arena.allocate(bytes, 64);
        Random rnd = new Random(7);
        for (long i = 0; i < bytes; i += 8) seg.set(ValueLayout.JAVA_LONG_UNALIGNED, i, rnd.nextLong());
        long blocks = bytes / t.blockBytes();
        for (long b = 0; b < blocks; b++) {
            long p = b * t.blockBytes();
            short scale = Float.floatToFloat16((float) (rnd.nextGaussian() * 0.01));
            switch (t) {
                case F32 -> seg.set(ValueLayout.JAVA_FLOAT_UNALIGNED, p, (float) rnd.nextGaussian());
                case F16 -> seg.set(SHORT, p, Float.floatToFloat16((float) rnd.nextGaussian()));
                case BF16 -> seg.set(SHORT, p, (short) (Float.floatToIntBits((float) rnd.nextGaussian()) >>> 16));
                case Q6_K -> seg.set(SHORT, p + 208, scale);
                default -> {
                    seg.set(SHORT, p, scale);
                    seg.set(SHORT, p + 2, scale);
                }
            }
        }
        return seg;
    }

    /** Weight GB per CPU-second of one thread running matVec for about {@code seconds} of CPU time. */
    static double cpuTimeGbPerSecond(GgmlType t, double seconds) {
        MatVecBenchmark b = new MatVecBenchmark();
        b.type = t.name();
        b.threads = 1;
        b.setup();
        try {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            for (int i = 0; i < 20; i++) b.matVec(); // warm-up
            long start = mx.getCurrentThreadCpuTime(), ops = 0;
            while (mx.getCurrentThreadCpuTime() - start < seconds * 1e9) {
                b.matVec();
                ops++;
            }
            double cpu = (mx.getCurrentThreadCpuTime() - start) / 1e9;
            return ROWS * t.byteSize(COLS) * ops / cpu / 1e9;
        } finally {
            b.tearDown();
        }
    }

    /** Short run: 1 fork, 3 warm-up and 5 measured iterations of 1 s; prints weight GB/s per type and thread count. */
    public static void main(String[] args) throws Exception {
        OptionsBuilder opts = new OptionsBuilder();
        opts.include(MatVecBenchmark.class.getSimpleName()).forks(1).warmupIterations(3).measurementIterations(5)
                .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("--add-modules=jdk.incubator.vector", "-Da1.simd=" + System.getProperty("a1.simd", ""));
        if (args.length > 0) opts.param("type", args);
        Collection<RunResult> results = new Runner(opts.build()).run();
        // On a shared machine the mean mixes in other processes' load; the best 1 s iteration shows the kernel.
        System.out.println("type  threads  matvec/s  weight GB/s  best-iteration GB/s");
        for (RunResult r : results) {
            String type = r.getParams().getParam("type");
            double bytes = ROWS * GgmlType.valueOf(type).byteSize(COLS);
            double perSecond = r.getPrimaryResult().getScore();
            double best = r.getBenchmarkResults().stream().flatMap(b -> b.getIterationResults().stream())
                    .mapToDouble(i -> i.getPrimaryResult().getScore()).max().orElse(Double.NaN);
            System.out.printf("%-5s %7s %9.1f %12.2f %20.2f%n", type, r.getParams().getParam("threads"), perSecond,
                    bytes * perSecond / 1e9, bytes * best / 1e9);
        }
        System.out.println("type  1 thread, GB per CPU-second");
        for (String type : args.length > 0 ? args : new String[] {"Q8_0", "Q4_0", "F16", "Q4_K", "Q6_K", "F32", "BF16", "Q5_K", "Q4_1", "Q5_0"}) {
            System.out.printf("%-5s %8.2f%n", type, cpuTimeGbPerSecond(GgmlType.valueOf(type), 3));
        }
    }
}
