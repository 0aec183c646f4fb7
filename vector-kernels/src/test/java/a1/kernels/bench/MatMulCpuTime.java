package a1.kernels.bench;

import a1.kernels.MatMul;
import a1.kernels.Parallel;
import a1.kernels.WeightMatrix;
import a1.kernels.format.Activations;
import a1.kernels.format.Formats;
import a1.kernels.format.WeightFormat;
import a1.spec.gguf.GgmlType;
import a1.spec.gguf.GgufFile;
import a1.spec.gguf.GgufTensorInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Random;

/**
 * One thread's {@link MatMul} on a random matrix of any shape and batch, in GB of weights per CPU-second (per pass
 * over the batch), which stays readable when other processes share the cores; with {@code -Drowloop=true} also the
 * per-row kernel loop ({@link WeightFormat#dot} or {@link WeightFormat#dotAlt}) on the same data, for comparison
 * (what MatMul runs where a format has neither a regrouped copy nor a {@link WeightFormat#batch} kernel).
 * Usage: {@code MatMulCpuTime ROWS COLS TOKENS TYPE...} (e.g. {@code 1024 4096 1 Q4_0 F16}: in cache); with
 * {@code -Dgguf=FILE -Dtensor=NAME} the matrix is that tensor of a model file, mapped as a model runs it (ROWS,
 * COLS and TYPE are then the tensor's own).
 */
public final class MatMulCpuTime {
    private static final long WARM_UP_NANOS = 3_000_000_000L;

    public static void main(String[] args) throws Exception {
        double secs = Double.parseDouble(System.getProperty("secs", "2"));
        int rows = Integer.parseInt(args[0]), cols = Integer.parseInt(args[1]), n = Integer.parseInt(args[2]);
        boolean rowLoop = Boolean.getBoolean("rowloop");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        GgufFile gguf = System.getProperty("gguf") == null ? null : GgufFile.open(Path.of(System.getProperty("gguf")));
        for (int i = 3; i < args.length; i++) {
            GgmlType t = GgmlType.valueOf(args[i]);
            WeightMatrix w;
            if (gguf == null) {
                w = new WeightMatrix(t, MatVecBenchmark.randomWeightsFor(t, rows, cols), rows, cols);
            } else {
                GgufTensorInfo info = gguf.tensor(System.getProperty("tensor"));
                t = info.type();
                cols = (int) info.dims()[0];
                rows = (int) info.dims()[1];
                w = new WeightMatrix(t, gguf.data(info), rows, cols);
            }
            float[] x = new float[n * cols];
            Random rnd = new Random(1);
            for (int j = 0; j < x.length; j++) x[j] = (float) rnd.nextGaussian();
            float[] out = new float[n * rows];
            double gb = rows * t.byteSize(cols) / 1e9;
            try (Parallel pool = new Parallel(1)) {
                MatMul mm = new MatMul(pool);
                // Warm-up by CPU time, not by calls: C2 compiles the larger kernels (Q8_0Groups) only after a few
                // seconds on a busy machine, and a count-based warm-up measured their C1 code.
                long warm = mx.getCurrentThreadCpuTime();
                for (int k = 0; k < 20 || mx.getCurrentThreadCpuTime() - warm < WARM_UP_NANOS; k++) mm.apply(w, x, n, out);
                long start = mx.getCurrentThreadCpuTime(), ops = 0;
                while (mx.getCurrentThreadCpuTime() - start < secs * 1e9) {
                    mm.apply(w, x, n, out);
                    ops++;
                }
                double perCpuSecond = gb * ops / ((mx.getCurrentThreadCpuTime() - start) / 1e9);
                String rowKernel = rowLoop ? String.format("  row kernels %.3g", rowLoop(w, x, n, secs, mx) * gb) : "";
                System.out.printf("%-5s %dx%d, %d tokens: MatMul %.3g GB/CPU-s%s%n", t, rows, cols, n, perCpuSecond, rowKernel);
            }
        }
    }

    /** Passes per CPU-second of the per-row kernel loop over the whole batch. */
    private static double rowLoop(WeightMatrix w, float[] x, int n, double secs, ThreadMXBean mx) {
        WeightFormat f = Formats.of(w.type());
        Activations a = new Activations();
        a.set(f.activation(), x, 0, n, w.cols());
        boolean alt = f.altKernel(w.rows(), w.cols(), n);
        float sink = 0;
        long start = mx.getCurrentThreadCpuTime(), ops = 0;
        while (mx.getCurrentThreadCpuTime() - start < secs * 1e9) {
            for (int t = 0; t < n; t++) {
                for (int r = 0; r < w.rows(); r++) sink += alt ? f.dotAlt(w.data(), r * w.rowBytes(), a, t) : f.dot(w.data(), r * w.rowBytes(), a, t);
            }
            ops++;
        }
        if (sink == 42) System.out.print(""); // keeps the loop's results alive
        return ops / ((mx.getCurrentThreadCpuTime() - start) / 1e9);
    }
}
