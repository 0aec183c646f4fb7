package a1.kernels.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.spec.gguf.GgmlType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One-token dots equal ggml's bit for bit. ggml-vec-dot.bin was written by a small C program against llama.cpp
 * c392e5094 (AVX-512 build, 1 thread): for each type, random rows quantized by ggml_quantize_chunk, random
 * activations, and the result of the type's vec_dot on the activations converted to its vec_dot_type. Records:
 * int32 type id, int32 length, int32 row bytes, the row, the float activations, the float result.
 */
class VecDotMatchesLlamaCppTest {
    @Test
    void everyFormatGivesLlamaCppsOneTokenDot() throws IOException {
        ByteBuffer in;
        try (InputStream s = VecDotMatchesLlamaCppTest.class.getResourceAsStream("ggml-vec-dot.bin")) {
            in = ByteBuffer.wrap(s.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        }
        Set<GgmlType> seen = new HashSet<>();
        while (in.hasRemaining()) {
            GgmlType type = GgmlType.fromId(in.getInt()).orElseThrow();
            int n = in.getInt(), rowBytes = in.getInt();
            MemorySegment row = Arena.ofAuto().allocate(rowBytes + 3);
            for (int i = 0; i < rowBytes; i++) row.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 3 + i, in.get());
            float[] x = new float[n];
            for (int i = 0; i < n; i++) x[i] = in.getFloat();
            float expected = in.getFloat();
            WeightFormat f = Formats.of(type);
            Activations a = new Activations();
            a.set(f.activation(), x, 0, 1, n);
            assertEquals(expected, f.dot(row, 3, a, 0), type + " length " + n);
            assertEquals(expected, f.dotScalar(row, 3, a, 0), type + " length " + n + ", scalar");
            seen.add(type);
        }
        assertEquals(10, seen.size());
    }
}
