package a1.kernels.format;

/**
 * A whole weight matrix made ready once for a faster kernel, usually a copy in a layout of the format's own
 * (llama.cpp repacks Q4_0 at load the same way): rows are stored {@link #rowsPerGroup()} to a group, element by
 * element, so that one vector lane is one row and a dot needs no sum across lanes. Rows past the last whole group
 * stay with the row kernels. ({@link FiniteF16Rows} copies nothing: it reads the GGUF rows after checking them once.)
 */
public interface RowGroups {
    int rowsPerGroup();

    int groups();

    /**
     * These groups' kernel for a batch in {@link WeightFormat#dotAlt}'s order ({@code altKernel}) or in
     * {@link WeightFormat#dot}'s, as ggml chose it for the whole batch: this one unless the format computes both.
     */
    default RowGroups kernelFor(boolean altKernel) {
        return this;
    }

    /** Builds what {@link #apply} reads of {@code a} beyond the row kernels' layouts; called once per batch, before the threads start. */
    default void prepare(Activations a) {}

    /**
     * {@code out[outOffset + t*rows + r] =} the dot of row r with token t, for every row r of groups
     * [{@code from}, {@code to}) and every token of {@code a}; bit for bit the format's kernel for the batch
     * ({@link WeightFormat#dotAlt} where {@link WeightFormat#altKernel} holds, else {@link WeightFormat#dot}).
     */
    void apply(int from, int to, Activations a, float[] out, int outOffset, int rows);
}
