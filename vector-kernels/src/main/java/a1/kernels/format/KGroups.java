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

    final MemorySegment data;
    final int groups;
    final int blocks;
    private final long blockBytes;

    /** An empty copy of the whole groups of {@code rows} rows of {@code cols}, {@code blockBytes} per group and super-block. */
    KGroups(int rows, int cols, long blockBytes) {
        this.groups = rows / ROWS;
        this.blocks = cols / BLOCK;
        this.blockBytes = blockBytes;
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
     * {@link #finish} around them. The per-token floats live in the format's scratch, {@link #span} per token, the
     * lane sums first ({@link #sums} of them).
     */
    @Override
    public final void apply(int from, int to, Activations a, float[] out, int outOffset, int rows) {
        a.require(Activations.SHORT_QUANTS);
        float[] w = scratch();
        short[] qa = a.shortQuants;
        short[] extra = quantSums(a);
        int n = a.tokens(), cols = a.cols(), span = span();
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
                java.util.Arrays.fill(w, 0, sums(), 0f);
                for (int b = 0; b < blocks; b++) {
                    long p = block(g, b);
                    prepare(p, a, t, b, w, 0);
                    one(p, qa, extra, t * cols + b * BLOCK, w);
                }
                finish(w, 0, out, outOffset + t * rows + g * ROWS);
            }
        }
    }

    /** This thread's scratch for {@link #TOKENS} tokens. */
    abstract float[] scratch();

    /** Floats of scratch per token. */
    abstract int span();

    /** The first floats of a token's scratch, its sums, zeroed before each token or pass. */
    abstract int sums();

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
