package a1.kernels.format;

import java.lang.foreign.MemorySegment;

/**
 * A kernel that dots a run of rows with every token of a batch in one pass over the rows, as llamafile's tinyBLAS
 * does with its register tiles: each weight slice is loaded (and widened) once for several tokens. For every
 * (row, token) the float operations are those of the format's per-row kernel ({@link WeightFormat#dotAlt} where
 * {@link WeightFormat#altKernel} holds, else {@link WeightFormat#dot}), so the results are the same bit for bit.
 * Scratch is per thread and reused; implementations are safe to call from many threads.
 */
public interface BatchKernel {
    /** Builds what {@link #apply} reads of {@code a} beyond the row kernels' layouts; called once per batch, before the threads start. */
    default void prepare(Activations a) {}

    /**
     * {@code out[outOffset + t*rows + r] =} the dot of row r (at byte {@code r * rowBytes} of {@code w}) with token
     * t, for every row r in [{@code from}, {@code to}) and every token of {@code a}.
     */
    void apply(MemorySegment w, long rowBytes, int from, int to, Activations a, float[] out, int outOffset, int rows);
}
