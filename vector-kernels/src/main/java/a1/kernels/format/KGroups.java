package a1.kernels.format;

import java.lang.foreign.MemorySegment;

/**
 * What the regrouped K-quant copies ({@link Q4_KGroups}, {@link Q5_KGroups}, {@link Q6_KGroups}) share: {@link #ROWS}
 * GGUF rows to a group (side by side in 16-bit lanes, {@link GroupLanes}), a group's super-block b stored as one
 * run of bytes, built once by handing every row's super-blocks to the format's {@link #write}.
 */
abstract class KGroups implements RowGroups {
    static final int ROWS = GroupLanes.ROWS;
    /** Weights per super-block, in every K-quant. */
    static final int BLOCK = 256;
    /** Tokens a batch pass computes together, sharing each slice's unpacked quants. */
    static final int TOKENS = 4;

    /** Per thread, the per-token floats of a pass; shared by the formats, as the largest span asks. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    final MemorySegment data;
    final int groups;
    final int blocks;
    private final long blockBytes;
    private final int span;
    private final int sums;

    /**
     * An empty copy of the whole groups of {@code rows} rows of {@code cols}, {@code blockBytes} per group and
     * super-block, whose kernels keep {@code span} floats of scratch per token, the first {@code sums} of them its
     * sums (zeroed before each token or pass).
     */
    KGroups(int rows, int cols, long blockBytes, int span, int sums) {
        this.groups = rows / ROWS;
        this.blocks = cols / BLOCK;
        this.blockBytes = blockBytes;
        this.span = span;
        this.sums = sums;
        this.data = RegroupedMemory.allocate(groups * (long) blocks * blockBytes);
    }

    /** Copies the grouped rows of {@code src}, whose super-blocks take {@code ggufBytes} each, through {@link #write}. */
    final void fill(MemorySegment src, int ggufBytes) {
        long rowBytes = (long) blocks * ggufBytes;
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < ROWS; i++) {
                for (int b = 0; b < blocks; b++) write(src, (g * ROWS + i) * rowBytes + (long) b * ggufBytes, block(g, b), i);
            }
        }
    }

    /** Writes row {@code row}'s super-block (at byte {@code s} of {@code src}) into its group's at byte {@code o} of {@link #data}. */
    abstract void write(MemorySegment src, long s, long o, int row);

    /** The activations as the kernels read them, built once per batch: every call on every thread reads them. */
    @Override
    public void prepare(Activations a) {
        a.buildShortQuants();
    }

    /**
     * Per group: the tokens four at a time through {@link #tokens} (per super-block and lane), the rest one at a
     * time through {@link #one}; the format's {@link #prepare(long, Activations, int, int, float[], int)} and
     * {@link #finish} around them. The per-token floats live in this thread's scratch, {@code span} per token, the
     * lane sums first.
     */
    @Override
    public final void apply(int from, int to, Activations a, float[] out, int outOffset, int rows) {
        a.require(Activations.SHORT_QUANTS);
        float[] w = SCRATCH.get();
        if (w.length < TOKENS * span) {
            w = new float[TOKENS * span];
            SCRATCH.set(w);
        }
        short[] qa = a.shortQuants;
        short[] extra = quantSums(a);
        int n = a.tokens(), cols = a.cols();
        for (int g = from; g < to; g++) {
            int t = 0;
            for (; t + TOKENS <= n; t += TOKENS) {
                java.util.Arrays.fill(w, 0, TOKENS * span, 0f);
                for (int b = 0; b < blocks; b++) {
                    long p = block(g, b);
                    for (int k = 0; k < TOKENS; k++) prepare(p, a, t + k, b, w, k * span);
                    for (int m = 0; m < 8; m++) tokens(p, qa, extra, t * cols + b * BLOCK, cols, m, w);
                }
                for (int k = 0; k < TOKENS; k++) finish(w, k * span, out, outOffset + (t + k) * rows + g * ROWS);
            }
            for (; t < n; t++) {
                java.util.Arrays.fill(w, 0, sums, 0f);
                for (int b = 0; b < blocks; b++) {
                    long p = block(g, b);
                    prepare(p, a, t, b, w, 0);
                    one(p, qa, extra, t * cols + b * BLOCK, w);
                }
                finish(w, 0, out, outOffset + t * rows + g * ROWS);
            }
        }
    }

    /** Sums of the activations' quants the format's kernels need besides the quants (built by its prepare), or null. */
    short[] quantSums(Activations a) {
        return null;
    }

    /** Per super-block b and token t: the token's scale products (and min terms) at {@code w[base ..]}. */
    abstract void prepare(long p, Activations a, int t, int b, float[] w, int base);

    /** Super-block p of one token (its quants from {@code e}): every lane. */
    abstract void one(long p, short[] qa, short[] extra, int e, float[] w);

    /** Super-block p, lane m, of {@link #TOKENS} tokens (the first's quants from {@code e}, then every {@code cols}). */
    abstract void tokens(long p, short[] qa, short[] extra, int e, int cols, int m, float[] w);

    /** The token's results from its scratch at {@code base}, into {@code out[o ..]} for the group's rows. */
    abstract void finish(float[] w, int base, float[] out, int o);

    final long block(int g, int b) {
        return (g * (long) blocks + b) * blockBytes;
    }

    @Override
    public final int rowsPerGroup() {
        return ROWS;
    }

    @Override
    public final int groups() {
        return groups;
    }
}
