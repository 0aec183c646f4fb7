package a1.kernels;

import a1.kernels.format.Formats;
import a1.kernels.format.RowGroups;
import a1.spec.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A 2-D weight tensor as stored in GGUF: {@code rows} rows of {@code cols} elements, row r at bytes
 * [r*rowBytes, (r+1)*rowBytes). The data is usually a read-only view of a memory-mapped file. Formats with a
 * faster regrouped layout get it built on the first product with the matrix and kept here (as llama.cpp repacks at
 * load), and F16 and F32 a copy of their rows on huge pages; so only matrices that are multiplied, not
 * embeddings that are only looked up, take the extra memory.
 */
public final class WeightMatrix {
    private final GgmlType type;
    private final MemorySegment data;
    private final int rows;
    private final int cols;
    private MemorySegment rowMemory;
    private RowGroups groups;
    private boolean regrouped;

    public WeightMatrix(GgmlType type, MemorySegment data, int rows, int cols) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        Formats.of(type); // rejects types the kernels cannot compute with
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("weight matrix of " + rows + " x " + cols);
        if (cols % type.blockSize() != 0) {
            throw new IllegalArgumentException(cols + " columns is not a multiple of the " + type + " block size " + type.blockSize());
        }
        long expected = Math.multiplyExact((long) rows, type.byteSize(cols));
        if (data.byteSize() != expected) {
            throw new IllegalArgumentException(type + " " + rows + " x " + cols + " needs " + expected + " bytes, got " + data.byteSize());
        }
        this.type = type;
        this.data = data;
        this.rows = rows;
        this.cols = cols;
    }

    public GgmlType type() {
        return type;
    }

    public MemorySegment data() {
        return data;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public long rowBytes() {
        return type.byteSize(cols);
    }

    /** The rows as the kernels read them ({@link a1.kernels.format.WeightFormat#rowMemory}), made on first call. */
    synchronized MemorySegment rowMemory() {
        if (rowMemory == null) rowMemory = Formats.of(type).rowMemory(data);
        return rowMemory;
    }

    /** The format's regrouped copy of the whole row groups, built on first call; null if the format has none. */
    synchronized RowGroups groups() {
        if (!regrouped) {
            groups = Formats.of(type).regroup(rowMemory(), rows, cols);
            regrouped = true;
        }
        return groups;
    }

    @Override
    public String toString() {
        return "WeightMatrix[" + type + " " + rows + " x " + cols + "]";
    }
}
