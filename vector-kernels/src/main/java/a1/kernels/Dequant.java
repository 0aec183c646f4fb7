package a1.kernels;

import a1.kernels.format.Formats;
import a1.spec.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** Expands stored weights to floats: embedding rows (like ggml get_rows) and whole small tensors (norm weights). */
public final class Dequant {
    /** Writes the {@code cols} floats of row {@code row} to {@code out[outOffset ..]}. */
    public static void row(WeightMatrix w, int row, float[] out, int outOffset) {
        if (row < 0 || row >= w.rows()) throw new IndexOutOfBoundsException("row " + row + " of a matrix with " + w.rows() + " rows");
        Objects.checkFromIndexSize(outOffset, w.cols(), out.length);
        Formats.of(w.type()).dequantize(w.data(), row * w.rowBytes(), w.cols(), out, outOffset);
    }

    /** The {@code count} values stored in {@code data}, which must hold exactly that many elements of {@code type}. */
    public static float[] toFloats(GgmlType type, MemorySegment data, long count) {
        if (count < 0 || count > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("cannot expand " + count + " elements into a float array");
        long bytes = type.byteSize(count);
        if (data.byteSize() != bytes) throw new IllegalArgumentException(count + " " + type + " elements take " + bytes + " bytes, got " + data.byteSize());
        float[] out = new float[(int) count];
        Formats.of(type).dequantize(data, 0, (int) count, out, 0);
        return out;
    }

    private Dequant() {}
}
