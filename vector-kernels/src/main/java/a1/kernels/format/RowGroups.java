package a1.kernels.format;

/**
 * A copy of a whole weight matrix in a layout of the format's own, made once per matrix (llama.cpp repacks Q4_0
 * at load the same way): rows are stored {@link #rowsPerGroup()} to a group, element by element, so that one vector
 * lane is one row and a dot needs no sum across lanes. Rows past the last whole group stay with the row kernels.
 */
public interface RowGroups {
    int rowsPerGroup();

    int groups();

    /** Builds what {@link #apply} reads of {@code a} beyond the row kernels' layouts; called once per batch, before the threads start. */
    default void prepare(Activations a) {}

    /**
     * {@code out[outOffset + t*rows + r] =} the dot of row r with token t, for every row r of groups
     * [{@code from}, {@code to}) and every token of {@code a}; bit for bit the format's {@link WeightFormat#dotAlt}.
     */
    void apply(int from, int to, Activations a, float[] out, int outOffset, int rows);
}
