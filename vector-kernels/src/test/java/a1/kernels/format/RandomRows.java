package a1.kernels.format;

import a1.spec.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * Random weight rows and activations for kernel tests. Quant bytes are uniformly random (every bit pattern is a
 * valid quant); scale fields are set to finite values. In "integer" mode every scale is 1 and activations are
 * small integers whose blocks contain -127, so the activation scale is exactly 1 and every dot is an exact integer.
 */
final class RandomRows {
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** {@code rows} rows of {@code cols} weights stored from byte {@code shift} of a fresh segment. */
    static MemorySegment weights(GgmlType type, int rows, int cols, int shift, boolean integer, Random rnd) {
        long rowBytes = type.byteSize(cols);
        MemorySegment seg = Arena.ofAuto().allocate(shift + rows * rowBytes + 64, 1);
        for (long i = 0; i < seg.byteSize(); i++) seg.set(ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt());
        int nb = cols / type.blockSize();
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < nb; b++) {
                long p = shift + r * rowBytes + (long) b * type.blockBytes();
                switch (type) {
                    case F32 -> seg.set(FLOAT, p, integer ? rnd.nextInt(15) - 7 : (float) rnd.nextGaussian());
                    case F16 -> seg.set(SHORT, p, Float.floatToFloat16(integer ? rnd.nextInt(15) - 7 : (float) rnd.nextGaussian()));
                    case BF16 -> seg.set(SHORT, p, a1.kernels.BF16.fromFloat(integer ? rnd.nextInt(15) - 7 : (float) rnd.nextGaussian()));
                    case Q8_0, Q4_0, Q5_0 -> seg.set(SHORT, p, scale(integer, rnd));
                    case Q4_1, Q4_K, Q5_K -> {
                        seg.set(SHORT, p, scale(integer, rnd));
                        seg.set(SHORT, p + 2, scale(integer, rnd));
                    }
                    case Q6_K -> {
                        seg.set(SHORT, p + 208, scale(integer, rnd));
                        if (integer) for (int s = 0; s < 16; s++) seg.set(ValueLayout.JAVA_BYTE, p + 192 + s, (byte) (rnd.nextInt(17) - 8));
                    }
                    default -> throw new IllegalArgumentException(type.toString());
                }
            }
        }
        return seg;
    }

    private static short scale(boolean integer, Random rnd) {
        return Float.floatToFloat16(integer ? 1f : (float) (rnd.nextGaussian() * 0.01));
    }

    /** n tokens of cols activations. */
    static float[] activations(int n, int cols, boolean integer, Random rnd) {
        float[] x = new float[n * cols];
        for (int i = 0; i < x.length; i++) {
            if (integer) x[i] = i % 32 == 0 ? -127 : rnd.nextInt(15) - 7;
            else x[i] = (float) (rnd.nextGaussian() * (1 + (i / 32) % 5));
        }
        return x;
    }

    private RandomRows() {}
}
