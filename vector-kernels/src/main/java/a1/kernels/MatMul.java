package a1.kernels;

import a1.kernels.format.Activations;
import a1.kernels.format.BatchKernel;
import a1.kernels.format.Formats;
import a1.kernels.format.RowGroups;
import a1.kernels.format.WeightFormat;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * out = W x for a batch of token vectors, with ggml's activation rounding for W's type. A large batch is taken in
 * passes of tokens whose activations stay in cache; each pass's activations are rounded or quantized once into a
 * reusable buffer (with the layouts the chosen kernel prepares), rows are split over the pool, and each thread walks
 * its rows in small tiles, dotting every token against a tile while its rows are still in cache. Where ggml would
 * use another kernel than its one-token dot for the shape and batch (its summation order differs), the format's
 * {@link WeightFormat#dotAlt}, through the matrix's regrouped copy where the format has one. Where the format has
 * a {@link WeightFormat#batch} kernel for the batch, it takes the rows instead of the per-(row, token) loop. Each kernel has one
 * call site here: more inlined copies pushed the compiled loop past C2's node budget, the Vector API calls inside
 * were then left to their Java fallbacks and decode ran 10x slower.
 * Not thread-safe: one instance per forward pass.
 */
public final class MatMul {
    private static final int ROW_TILE = 16;

    /**
     * Activation bytes per pass over the rows. Every row tile reads the whole pass's activations again, so they
     * must stay in cache (the L3 here is 32 MB). In MatMulCpuTime at 512 tokens, 4096 x 11008 (22 MB of
     * activations) ran 2.4-2.9x faster in passes of 4-8 MB than in one pass (Q8_0 and F16 alike), and 4096 x 4096
     * (8 MB) no faster split; at 128 tokens, passes of 2 MB were slower than one of 5.6 MB.
     */
    private static final long PASS_BYTES = 8 << 20;

    private final Parallel pool;
    private final long passBytes;
    private final Activations acts = new Activations();
    private final Parallel.RangeBody body = this::units;
    private WeightFormat format;
    private MemorySegment data;
    private long rowBytes;
    private int rows;
    private int tokens;
    private boolean altKernel;
    private BatchKernel batch;
    private RowGroups groups;
    private int grouped;
    private float[] out;
    private int outOffset;

    public MatMul(Parallel pool) {
        this(pool, PASS_BYTES);
    }

    /** With passes of at most {@code passBytes} of activations (tests use small ones to split small batches). */
    MatMul(Parallel pool, long passBytes) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.passBytes = passBytes;
    }

    /** For t in [0,n): out[t*rows + r] = dot(row r, x[t*cols .. (t+1)*cols)). */
    public void apply(WeightMatrix w, float[] x, int n, float[] out) {
        apply(w, x, 0, n, out, 0);
    }

    /** As {@link #apply(WeightMatrix, float[], int, float[])} with the batch at {@code x[xOffset ..]} and results at {@code out[outOffset ..]}. */
    public void apply(WeightMatrix w, float[] x, int xOffset, int n, float[] out, int outOffset) {
        if (n < 1) throw new IllegalArgumentException("batch of " + n + " tokens");
        if (xOffset < 0 || xOffset + (long) n * w.cols() > x.length) {
            throw new IndexOutOfBoundsException(n + " tokens of " + w.cols() + " floats at " + xOffset + " do not fit an input of " + x.length);
        }
        if (outOffset < 0 || outOffset + (long) n * w.rows() > out.length) {
            throw new IndexOutOfBoundsException(n + " outputs of " + w.rows() + " floats at " + outOffset + " do not fit an output of " + out.length);
        }
        WeightFormat f = Formats.of(w.type());
        this.format = f;
        this.data = w.rowMemory();
        this.rowBytes = w.rowBytes();
        this.rows = w.rows();
        // ggml picks its kernel for the whole batch, so the choice is made once, before the batch is split in passes.
        this.altKernel = f.altKernel(w.rows(), w.cols(), n);
        RowGroups regrouped = f.regrouped(w.rows(), w.cols(), n) ? w.groups() : null;
        this.groups = regrouped == null ? null : regrouped.kernelFor(altKernel);
        this.batch = f.batch(w.rows(), w.cols(), n);
        this.grouped = groups == null ? 0 : groups.groups();
        this.out = out;
        int perGroup = groups == null ? 1 : groups.rowsPerGroup();
        int pass = tokensPerPass(w.cols());
        try {
            for (int t0 = 0; t0 < n; t0 += pass) {
                this.tokens = Math.min(pass, n - t0);
                this.outOffset = outOffset + t0 * w.rows();
                acts.set(f.activation(), x, xOffset + t0 * w.cols(), tokens, w.cols());
                if (groups != null) groups.prepare(acts);
                if (batch != null) batch.prepare(acts);
                pool.forRange(grouped + rows - grouped * perGroup, body);
            }
        } finally {
            this.data = null;
            this.out = null;
            this.groups = null;
        }
    }

    /**
     * Tokens whose activations (at most 4 bytes per element in any layout) fit {@link #passBytes}, in whole
     * 4-token tiles. Each pass reads every row again, so passes are as long as the budget allows.
     */
    private int tokensPerPass(int cols) {
        return (int) Math.max(4, passBytes / (4L * cols) / 4 * 4);
    }

    /** Work units [from, to): the row groups first, then the rows after them one by one. */
    private void units(int from, int to) {
        if (from < grouped) groups.apply(from, Math.min(to, grouped), acts, out, outOffset, rows);
        int rowBase = grouped == 0 ? 0 : grouped * (groups.rowsPerGroup() - 1);
        if (to > grouped) rows(rowBase + Math.max(from, grouped), rowBase + to);
    }

    private void rows(int from, int to) {
        if (batch != null) {
            batch.apply(data, rowBytes, from, to, acts, out, outOffset, rows);
            return;
        }
        WeightFormat f = format;
        MemorySegment d = data;
        for (int tile = from; tile < to; tile += ROW_TILE) {
            int end = Math.min(to, tile + ROW_TILE);
            int t = 0;
            if (altKernel) {
                for (; t < tokens; t++) {
                    int o = outOffset + t * rows;
                    for (int r = tile; r < end; r++) out[o + r] = f.dotAlt(d, r * rowBytes, acts, t);
                }
            }
            for (; t < tokens; t++) {
                int o = outOffset + t * rows;
                for (int r = tile; r < end; r++) out[o + r] = f.dot(d, r * rowBytes, acts, t);
            }
        }
    }
}
