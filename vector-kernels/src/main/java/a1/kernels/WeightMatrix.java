package a1.kernels;

import a1.kernels.format.Formats;
import a1.spec.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A 2-D weight tensor as stored in GGUF: {@code rows} rows of {@code cols} elements, row r at bytes
 * [r*rowBytes, (r+1)*rowBytes). The data is usually a read-only view of a memory-mapped file.
 */
public record WeightMatrix(GgmlType type, MemorySegment data, int rows, int cols) {
    public WeightMatrix {
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
    }

    public long rowBytes() {
        return type.byteSize(cols);
    }
}
