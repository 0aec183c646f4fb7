package a1.kernels;

import a1.kernels.format.Activations;
import a1.kernels.format.BatchKernel;
import a1.kernels.format.Formats;
import a1.kernels.format.RowGroups;
import a1.kernels.format.WeightFormat;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * out = W x for a batch of token vectors, with ggml's activation rounding for W's type. The activations are
 * rounded or quantized once per call into a reusable buffer; rows are split over the pool, and each thread walks
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

    private final Parallel pool;
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
        this.pool = Objects.requireNonNull(pool, "pool");
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
        acts.set(f.activation(), x, xOffset, n, w.cols());
        this.format = f;
        this.data = w.data();
        this.rowBytes = w.rowBytes();
        this.rows = w.rows();
        this.tokens = n;
        this.altKernel = f.altKernel(w.rows(), w.cols(), n);
        this.groups = altKernel ? w.groups() : null;
        this.batch = f.batch(w.rows(), w.cols(), n);
        this.grouped = groups == null ? 0 : groups.groups();
        this.out = out;
        this.outOffset = outOffset;
        int perGroup = groups == null ? 1 : groups.rowsPerGroup();
        try {
            pool.forRange(grouped + rows - grouped * perGroup, body);
        } finally {
            this.data = null;
            this.out = null;
            this.groups = null;
        }
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
