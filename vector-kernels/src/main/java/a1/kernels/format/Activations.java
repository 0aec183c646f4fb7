package a1.kernels.format;

import java.util.Arrays;

/**
 * A batch of activation vectors rounded the way ggml rounds them for one weight type. Reused across calls: the
 * arrays grow when needed and are never shrunk. Quants are kept widened to int so SIMD kernels can multiply them
 * without converting. Layout for token t: values/quants at {@code t*cols}, per-block scales at {@code t*cols/32}
 * (Q8_0, Q8_1) or {@code t*cols/256} (Q8_K), Q8_K group sums at {@code t*cols/32}.
 */
public final class Activations {
    static final int Q4_PAIRS = 1, Q8_PAIRS = 2, Q8_LANES = 4, SCALED_HALVES = 8, SHORT_QUANTS = 16, QUARTET_SUMS = 32;

    private ActivationType type;
    /** The layouts ({@link #Q4_PAIRS}, ...) built for the current batch. */
    private int built;
    private int tokens;
    private int cols;
    float[] values = new float[0];
    int[] quants = new int[0];
    /** Q8_0's and Q8_1's quants again as bytes, for kernels that take four of them per int lane. */
    byte[] bytes = new byte[0];
    /**
     * Q8_0's quants in pairs for {@link Q4_0Groups}, 16 per block: for k in 0..3, elements 4k, 4k+16, 4k+1, 4k+17
     * in the low 16 bits of four ints and elements 4k+2, 4k+18, 4k+3, 4k+19 in their high bits ({@link #buildQ4Pairs}).
     */
    int[] q4Pairs = new int[0];
    /** Per block, -8 times the sum of its quants, in the low 16 bits: Q4_0's nibbles read unsigned need it added once. */
    int[] q4Bias = new int[0];
    /**
     * Q8_0's quants in pairs for {@link Q8_0Groups}: per block and lane l, elements 4l and 4l+2 as the low and high
     * 16 bits of an int, then elements 4l+1 and 4l+3 ({@link #buildQ8Pairs}).
     */
    int[] q8Pairs = new int[0];
    /**
     * Q8_0's quants as floats for {@link Q8_0Tiles} (batches only): per block, element 4l+j at 8j+l, so that lane l
     * of an 8-lane vector meets the four elements whose products ggml sums into its lane l ({@link #buildQ8Lanes}).
     */
    float[] q8Lanes = new float[0];
    /**
     * Q8_K's quants as shorts for the regrouped K-quants ({@link KGroups}, {@link #buildShortQuants}): their kernels
     * broadcast each to every row, and a broadcast straight from a short in memory costs fewer instructions than one
     * from an int.
     */
    short[] shortQuants = new short[0];
    /**
     * Per four consecutive Q8_K quants, 32 times their sum: {@link Q6_KGroups}' offset of its unsigned quants
     * ({@link #buildQuartetSums}).
     */
    short[] quartetSums = new short[0];
    /** F16 activations times 2^112 for {@link FiniteF16Rows} ({@link #buildScaledHalves}). */
    float[] scaledHalves = new float[0];
    /** BF16 activations as pairs (element 2j in the low half, 2j+1 in the high), {@link #pairStride()} per token. */
    int[] pairs = new int[0];
    float[] scales = new float[0];
    float[] sums = new float[0];
    int[] groupSums = new int[0];

    /**
     * Rounds tokens {@code x[xOff + t*cols ..]} for {@code t < n} into this buffer, in the layouts the formats' row
     * kernels read; the layouts of regrouped copies and batch kernels are built by their {@code prepare}.
     */
    public void set(ActivationType type, float[] x, int xOff, int n, int cols) {
        if (n < 1) throw new IllegalArgumentException("batch of " + n + " tokens");
        int block = switch (type) {
            case F32, F16, BF16 -> 1;
            case Q8_0, Q8_1 -> Q8_0.BLOCK;
            case Q8_K -> Q8_K.BLOCK;
        };
        if (cols < 1 || cols % block != 0) throw new IllegalArgumentException(cols + " columns is not a multiple of the " + type + " block size " + block);
        long total = (long) n * cols;
        if (total > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("activation batch too large: " + n + " x " + cols);
        if (xOff < 0 || xOff + total > x.length) throw new IllegalArgumentException("input of " + x.length + " floats too short for " + n + " x " + cols + " at " + xOff);
        this.type = type;
        this.tokens = n;
        this.cols = cols;
        this.built = 0;
        int size = (int) total;
        switch (type) {
            case F32 -> {
                values = grow(values, size);
                System.arraycopy(x, xOff, values, 0, size);
            }
            case F16 -> {
                values = grow(values, size);
                for (int i = 0; i < size; i++) values[i] = a1.kernels.F16.round(x[xOff + i]);
            }
            case BF16 -> {
                values = grow(values, size);
                for (int i = 0; i < size; i++) values[i] = a1.kernels.BF16.round(x[xOff + i]);
                int stride = pairStride();
                pairs = grow(pairs, n * stride);
                for (int t = 0; t < n; t++) {
                    for (int j = 0; j < cols / 2; j++) {
                        int e = t * cols + 2 * j;
                        pairs[t * stride + j] = Float.floatToRawIntBits(values[e]) >>> 16 | Float.floatToRawIntBits(values[e + 1]) & 0xFFFF0000;
                    }
                }
            }
            case Q8_0 -> {
                quants = grow(quants, size);
                scales = grow(scales, size / Q8_0.BLOCK);
                Q8_0.quantizeBlocks(x, xOff, size / Q8_0.BLOCK, quants, scales);
                copyBytes(size);
            }
            case Q8_1 -> {
                quants = grow(quants, size);
                scales = grow(scales, size / Q8_0.BLOCK);
                sums = grow(sums, size / Q8_0.BLOCK);
                for (int b = 0; b < size / Q8_0.BLOCK; b++) Q8_0.quantizeBlock(x, xOff + b * Q8_0.BLOCK, quants, scales, b, sums);
                copyBytes(size);
            }
            case Q8_K -> {
                quants = grow(quants, size);
                scales = grow(scales, size / Q8_K.BLOCK);
                groupSums = grow(groupSums, size / Q8_K.GROUP);
                for (int b = 0; b < size / Q8_K.BLOCK; b++) Q8_K.quantizeBlock(x, xOff + b * Q8_K.BLOCK, quants, scales, groupSums, b);
            }
        }
    }

    /** {@link #q4Pairs} and {@link #q4Bias} for this batch (Q8_0 activations), once. */
    void buildQ4Pairs() {
        if (!start(Q4_PAIRS)) return;
        int size = tokens * cols;
        q4Pairs = grow(q4Pairs, size / 2);
        q4Bias = grow(q4Bias, size / Q8_0.BLOCK);
        for (int b = 0; b < size; b += Q8_0.BLOCK) {
            int o = b / 2, sum = 0;
            for (int k = 0; k < 4; k++) {
                int e = b + 4 * k;
                q4Pairs[o + 4 * k] = quants[e] & 0xFFFF | quants[e + 2] << 16;
                q4Pairs[o + 4 * k + 1] = quants[e + 16] & 0xFFFF | quants[e + 18] << 16;
                q4Pairs[o + 4 * k + 2] = quants[e + 1] & 0xFFFF | quants[e + 3] << 16;
                q4Pairs[o + 4 * k + 3] = quants[e + 17] & 0xFFFF | quants[e + 19] << 16;
            }
            for (int i = 0; i < Q8_0.BLOCK; i++) sum += quants[b + i];
            q4Bias[b / Q8_0.BLOCK] = -8 * sum & 0xFFFF;
        }
    }

    /** {@link #q8Pairs} for this batch (Q8_0 activations), once. */
    void buildQ8Pairs() {
        if (!start(Q8_PAIRS)) return;
        int size = tokens * cols;
        q8Pairs = grow(q8Pairs, size / 2);
        for (int i = 0; i < size / 2; i += 2) {
            q8Pairs[i] = quants[2 * i] & 0xFFFF | quants[2 * i + 2] << 16;
            q8Pairs[i + 1] = quants[2 * i + 1] & 0xFFFF | quants[2 * i + 3] << 16;
        }
    }

    /** {@link #q8Lanes} for this batch (Q8_0 activations), once. */
    void buildQ8Lanes() {
        if (!start(Q8_LANES)) return;
        int size = tokens * cols;
        q8Lanes = grow(q8Lanes, size);
        for (int b = 0; b < size; b += Q8_0.BLOCK) {
            for (int j = 0; j < 4; j++) {
                for (int l = 0; l < 8; l++) q8Lanes[b + 8 * j + l] = quants[b + 4 * l + j];
            }
        }
    }

    /** {@link #scaledHalves} for this batch (F16 activations), once. */
    void buildScaledHalves() {
        if (!start(SCALED_HALVES, ActivationType.F16)) return;
        int size = tokens * cols;
        scaledHalves = grow(scaledHalves, size);
        for (int i = 0; i < size; i++) scaledHalves[i] = values[i] * 0x1p112f;
    }

    /** {@link #shortQuants} for this batch (Q8_K activations), once. */
    void buildShortQuants() {
        if (!start(SHORT_QUANTS, ActivationType.Q8_K)) return;
        int size = tokens * cols;
        if (shortQuants.length < size) shortQuants = new short[quants.length];
        for (int i = 0; i < size; i++) shortQuants[i] = (short) quants[i];
    }

    /** {@link #quartetSums} for this batch (Q8_K activations), once. */
    void buildQuartetSums() {
        if (!start(QUARTET_SUMS, ActivationType.Q8_K)) return;
        int n = tokens * cols / 4;
        if (quartetSums.length < n) quartetSums = new short[quants.length / 4];
        for (int i = 0; i < n; i++) quartetSums[i] = (short) (32 * (quants[4 * i] + quants[4 * i + 1] + quants[4 * i + 2] + quants[4 * i + 3]));
    }

    /** Whether layout {@code bit} is still to be built for this batch; marks it built. */
    private boolean start(int bit) {
        return start(bit, ActivationType.Q8_0);
    }

    private boolean start(int bit, ActivationType of) {
        if (type != of) throw new IllegalStateException("layout of " + of + " activations asked of " + type);
        boolean todo = (built & bit) == 0;
        built |= bit;
        return todo;
    }

    /** Fails unless layout {@code bit} was built for this batch: a kernel reading a stale one would be silently wrong. */
    void require(int bit) {
        if ((built & bit) == 0) throw new IllegalStateException("activation layout " + bit + " not prepared for this batch");
    }

    private void copyBytes(int size) {
        if (bytes.length < size) bytes = new byte[quants.length];
        for (int i = 0; i < size; i++) bytes[i] = (byte) quants[i];
    }

    public ActivationType type() {
        return type;
    }

    public int tokens() {
        return tokens;
    }

    public int cols() {
        return cols;
    }

    /** Element i of token t as the dot product sees it (the rounded float, or quant times block scale). */
    public float value(int t, int i) {
        int k = t * cols + i;
        return switch (type) {
            case F32, F16, BF16 -> values[k];
            case Q8_0, Q8_1 -> quants[k] * scales[k / Q8_0.BLOCK];
            case Q8_K -> quants[k] * scales[k / Q8_K.BLOCK];
        };
    }

    /** The quant of element i of token t (8-bit types only). */
    public int quant(int t, int i) {
        return quants[t * cols + i];
    }

    /** The scale of block b of token t (8-bit types only). */
    public float scale(int t, int b) {
        return scales[t * (cols / blockSize()) + b];
    }

    /** Q8_1's F16-rounded d * (sum of the block's quants). */
    public float sum(int t, int b) {
        return sums[t * (cols / Q8_0.BLOCK) + b];
    }

    /** Q8_K's sum of the quants of 32-element group g of token t. */
    public int groupSum(int t, int g) {
        return groupSums[t * (cols / Q8_K.GROUP) + g];
    }

    int pairStride() {
        return (cols + 1) / 2;
    }

    private int blockSize() {
        return type == ActivationType.Q8_K ? Q8_K.BLOCK : Q8_0.BLOCK;
    }

    private static float[] grow(float[] a, int n) {
        return a.length >= n ? a : Arrays.copyOf(a, Math.max(n, a.length + a.length / 2));
    }

    private static int[] grow(int[] a, int n) {
        return a.length >= n ? a : Arrays.copyOf(a, Math.max(n, a.length + a.length / 2));
    }
}
