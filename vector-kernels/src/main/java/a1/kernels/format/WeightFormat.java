package a1.kernels.format;

import java.lang.foreign.MemorySegment;

/**
 * One weight storage format: how to expand its blocks to floats and how to dot a row with activations rounded to
 * {@link #activation()}. Implementations are stateless singletons, safe to call from many threads.
 */
public interface WeightFormat {
    /** The rounding ggml applies to activations before dotting them with this format. */
    ActivationType activation();

    /** Expands {@code count} elements (whole blocks) stored at byte {@code off} of {@code src}. */
    void dequantize(MemorySegment src, long off, int count, float[] out, int outOff);

    /** Dot of the row at byte {@code off} (length {@code a.cols()}) with token {@code t}: SIMD unless disabled. */
    float dot(MemorySegment w, long off, Activations a, int t);

    /**
     * Whether ggml computes {@code tokens} tokens against a matrix of this shape with another kernel than its
     * one-token vec_dot, in another summation order (llamafile's tinyBLAS for float batches, the repacked Q4_0
     * kernels): then {@link #dotAlt} gives that order.
     */
    default boolean altKernel(int rows, int cols, int tokens) {
        return false;
    }

    /** The dot in the order of ggml's other kernel, where {@link #altKernel} holds. */
    default float dotAlt(MemorySegment w, long off, Activations a, int t) {
        return dot(w, off, a, t);
    }

    /**
     * A kernel for {@code tokens} tokens against a matrix of this shape that computes several rows and tokens per
     * pass, bit for bit the per-row kernel ({@link #dotAlt} where {@link #altKernel} holds, else {@link #dot}); null
     * where the format has none for this batch, vector width or shape.
     */
    default BatchKernel batch(int rows, int cols, int tokens) {
        return null;
    }

    /**
     * Whether the matrix's {@link #regroup} computes a product of this shape and batch (in {@link #dotAlt}'s order
     * where {@link #altKernel} holds, else in {@link #dot}'s): by default wherever {@link #altKernel} holds.
     */
    default boolean regrouped(int rows, int cols, int tokens) {
        return altKernel(rows, cols, tokens);
    }

    /**
     * A whole matrix ({@code rows} GGUF rows of {@code cols} at {@code data}) made ready for a faster kernel of the
     * products {@link #regrouped} names, usually as a regrouped copy; null where the format has none (or SIMD is off).
     */
    default RowGroups regroup(MemorySegment data, int rows, int cols) {
        return null;
    }

    /**
     * The memory the kernels read a matrix's rows from, given its GGUF rows ({@code data}, usually a file mapping):
     * by default those rows. F16 and F32, whose kernels read every row in place, copy them once to memory on
     * transparent huge pages, as the regrouped copies are (the file mapping has 4 KB pages): big-F16 and big-F32
     * decoded 0.99-1.45x and prefilled 1.07-1.36x faster from the copy (alternated token by token in one process,
     * docs/PERFORMANCE.md, session 13). BF16 gained nothing (0.98-1.03x), so it reads the file mapping.
     */
    default MemorySegment rowMemory(MemorySegment data) {
        return data;
    }

    /** The scalar reference for {@link #dot}: same integer sums, same scale products, plain summation order. */
    float dotScalar(MemorySegment w, long off, Activations a, int t);
}
