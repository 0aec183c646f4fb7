package a1.spec.gguf;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor table entry. {@code dims[0]} is the innermost (row) length, as in GGUF; {@code offset} is relative to
 * the start of the tensor data section.
 */
public record GgufTensorInfo(String name, GgmlType type, long[] dims, long offset) {
    public static final int MAX_DIMS = 4;

    public GgufTensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        dims = dims.clone();
        if (dims.length < 1 || dims.length > MAX_DIMS) throw new IllegalArgumentException("tensor " + name + " has " + dims.length + " dimensions (1.." + MAX_DIMS + ")");
        long n = 1;
        for (long d : dims) {
            if (d <= 0) throw new IllegalArgumentException("tensor " + name + " has dimension " + d);
            n = Math.multiplyExact(n, d);
        }
        if (dims[0] % type.blockSize() != 0) {
            throw new IllegalArgumentException("tensor " + name + ": row length " + dims[0] + " is not a multiple of the " + type + " block size " + type.blockSize());
        }
        try {
            type.byteSize(n);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("tensor " + name + " of " + n + " " + type + " elements is larger than any file");
        }
        if (offset < 0) throw new IllegalArgumentException("tensor " + name + " has negative offset");
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    public long dim(int i) {
        return i < dims.length ? dims[i] : 1;
    }

    public int rank() {
        return dims.length;
    }

    public long elementCount() {
        long n = 1;
        for (long d : dims) n *= d;
        return n;
    }

    public long byteSize() {
        return type.byteSize(elementCount());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensorInfo t && name.equals(t.name) && type == t.type && Arrays.equals(dims, t.dims) && offset == t.offset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(dims), offset);
    }

    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(dims) + " @" + offset;
    }
}
