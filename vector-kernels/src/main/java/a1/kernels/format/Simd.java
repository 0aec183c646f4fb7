package a1.kernels.format;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector width every kernel uses, chosen once per JVM: the preferred species, or the one named by the system
 * property {@code a1.simd} ({@code off}, {@code 128}, {@code 256}, {@code 512}) so tests can force each width.
 * Float, int and widened-short species all have the same lane count, so a block's integer products line up with
 * the float lanes that scale them.
 */
public final class Simd {
    /** Vector width in bits, or 0 when kernels run their scalar reference. */
    public static final int BITS = chooseBits(System.getProperty("a1.simd", ""));
    public static final boolean ENABLED = BITS != 0;
    public static final VectorSpecies<Float> F = VectorSpecies.of(float.class, VectorShape.forBitSize(bitsOr128()));
    public static final VectorSpecies<Integer> I = F.withLanes(int.class);
    /** Shorts with as many lanes as {@link #F}: half its width. */
    public static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(bitsOr128() / 2));
    /**
     * Quant kernels load quants {@link #QLEN} bytes at a time (at least as many as int lanes, at least 8) and widen
     * each load to ints in {@link #PARTS} pieces; only 128-bit vectors need more than one.
     */
    public static final VectorSpecies<Byte> QB = VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, I.length() * 8)));
    public static final int QLEN = QB.length();
    public static final int PARTS = QLEN / I.length();

    static int chooseBits(String prop) {
        return switch (prop.trim()) {
            case "off" -> 0;
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            case "" -> {
                int b = FloatVector.SPECIES_PREFERRED.vectorBitSize();
                yield b >= 128 ? Math.min(b, 512) : 0;
            }
            default -> throw new IllegalArgumentException("a1.simd must be off, 128, 256 or 512, not '" + prop + "'");
        };
    }

    private static int bitsOr128() {
        return BITS == 0 ? 128 : BITS;
    }

    /**
     * Sum of the lanes in lane order. {@code reduceLanes(ADD)} leaves the order open, and the JIT and the
     * interpreter do pick different orders, so the same dot could differ in its last bit between early and later
     * calls; A1 wants a row to give the same result every time.
     */
    static float sum(FloatVector v) {
        float s = v.lane(0);
        for (int i = 1; i < v.length(); i++) s += v.lane(i);
        return s;
    }

    /**
     * Exact half-to-float conversion of sign-extended 16-bit lanes (normals, subnormals, infinities and NaNs). Its
     * multiply is slow on a subnormal half (a subnormal float input), which F16 weights have; {@link FiniteF16Rows}
     * converts those without it.
     */
    static FloatVector halfToFloat(ShortVector h) {
        IntVector v = (IntVector) h.convertShape(VectorOperators.S2I, I, 0);
        IntVector em = v.and(0x7FFF);
        IntVector sign = v.and(0x8000).lanewise(VectorOperators.LSHL, 16);
        // Shifting exponent+mantissa into float position and scaling by 2^112 rebiases the exponent (15 -> 127) and
        // turns half subnormals into the right float normals, in one exact multiply.
        FloatVector mag = em.lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(0x1p112f);
        IntVector bits = mag.reinterpretAsInts();
        IntVector infNan = em.lanewise(VectorOperators.LSHL, 13).or(0x7F800000);
        bits = bits.blend(infNan, em.compare(VectorOperators.GE, 0x7C00));
        return bits.or(sign).reinterpretAsFloats();
    }

    /**
     * The {@code n} F16 values at byte {@code off} of {@code w} as floats at {@code to[at ..]}. A plain loop: C2
     * vectorizes it with the CPU's conversion instruction, 3x faster than {@link #halfToFloat}, which the Vector
     * API has no instruction for. Measure before using it in another kernel: with an earlier Q4_0 kernel it made
     * big-Q4_0 decode 9% slower; with {@link Q4_0Groups}' two-group kernel it is faster.
     */
    static void halvesToFloats(MemorySegment w, long off, int n, float[] to, int at) {
        for (int i = 0; i < n; i++) to[at + i] = Float.float16ToFloat(w.get(Le.SHORT, off + 2L * i));
    }

    private Simd() {}
}
