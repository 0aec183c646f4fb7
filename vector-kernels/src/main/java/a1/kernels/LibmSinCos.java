package a1.kernels;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * glibc's sinf and cosf (2.28 on, the algorithm of Arm's optimized-routines), which ggml's RoPE calls: a
 * polynomial in double on the argument reduced by pi/2, rounded to float. It is not correctly rounded, so
 * {@code (float) Math.sin(x)} differs from it in the last bit for about 2% of RoPE's angles, and with an F16 KV
 * cache a last-bit difference can flip an F16 rounding. Same arithmetic, same polynomial coefficients.
 */
final class LibmSinCos {
    private static final double HPI_INV_2P24 = 0x1.45F306DC9C883p+23; // 2/pi * 2^24
    private static final double HPI = 0x1.921FB54442D18p0;
    private static final double PI63 = 0x1.921FB54442D18p-62; // 2pi * 2^-64
    private static final double C0 = 0x1p0, C1 = -0x1.ffffffd0c621cp-2, C2 = 0x1.55553e1068f19p-5, C3 = -0x1.6c087e89a359dp-10,
            C4 = 0x1.99343027bf8c3p-16;
    private static final double S1 = -0x1.555545995a603p-3, S2 = 0x1.1107605230bc4p-7, S3 = -0x1.994eb3774cf24p-13;
    private static final int PIO4_TOP = top12(0x1.921FB54442D18p-1f), TINY_TOP = top12(0x1p-12f), FAST_TOP = top12(120f);
    /** 2/pi in overlapping 32-bit words, each 8 bits further along: word i = floor(2/pi * 2^(8i+8)) mod 2^32. */
    private static final long[] TWO_OVER_PI = twoOverPi();

    static float sin(float y) {
        return eval(y, false);
    }

    static float cos(float y) {
        return eval(y, true);
    }

    private static float eval(float y, boolean cos) {
        int top = top12(y);
        double x = y;
        if (top < PIO4_TOP) {
            if (top < TINY_TOP) return cos ? 1f : y;
            return poly(x, x * x, false, cos ? 1 : 0);
        }
        int n, quadrant;
        if (top < FAST_TOP) {
            n = ((int) (x * HPI_INV_2P24) + 0x800000) >> 24;
            x = x - n * HPI;
            quadrant = n;
        } else if (top < top12(Float.POSITIVE_INFINITY)) {
            int bits = Float.floatToRawIntBits(y);
            long r = reduceLarge(bits);
            n = (int) ((r + (1L << 61)) >>> 62);
            x = (double) (r - ((long) n << 62)) * PI63;
            quadrant = n + (bits >>> 31);
        } else {
            return Float.NaN;
        }
        double sign = (quadrant & 1) == (quadrant >> 1 & 1) ? 1.0 : -1.0; // +, -, -, + for quadrants 0..3
        return poly(x * sign, x * x, (quadrant & 2) != 0, cos ? n ^ 1 : n);
    }

    /** The sine polynomial for even n, the cosine one (negated when {@code negCos}) for odd n. */
    private static float poly(double x, double x2, boolean negCos, int n) {
        if ((n & 1) == 0) {
            double x3 = x * x2;
            double s1 = S2 + x2 * S3;
            double x7 = x3 * x2;
            double s = x + x3 * S1;
            return (float) (s + x7 * s1);
        }
        double k = negCos ? -1 : 1;
        double x4 = x2 * x2;
        double c2 = k * C3 + x2 * (k * C4);
        double c1 = k * C0 + x2 * (k * C1);
        double x6 = x4 * x2;
        double c = c1 + x4 * (k * C2);
        return (float) (c + x6 * c2);
    }

    /** |x| * 2/pi modulo 4 as an unsigned 2.62 fixed-point number, from 96 bits of 2/pi around x's exponent. */
    private static long reduceLarge(int bits) {
        int word = (bits >>> 26) & 15;
        long m = (((bits & 0xFFFFFF) | 0x800000) << ((bits >>> 23) & 7)) & 0xFFFFFFFFL;
        long lo = (m * TWO_OVER_PI[word]) & 0xFFFFFFFFL;
        long mid = m * TWO_OVER_PI[word + 4];
        long hi = m * TWO_OVER_PI[word + 8];
        return ((hi >>> 32) | (lo << 32)) + mid;
    }

    private static int top12(float x) {
        return (Float.floatToRawIntBits(x) >>> 20) & 0x7FF;
    }

    private static long[] twoOverPi() {
        BigDecimal pi = new BigDecimal("3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798");
        BigDecimal v = BigDecimal.valueOf(2).divide(pi, new MathContext(100));
        long[] words = new long[24];
        for (int i = 0; i < words.length; i++) {
            words[i] = v.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(8 * i + 8))).toBigInteger().longValue() & 0xFFFFFFFFL;
        }
        return words;
    }

    private LibmSinCos() {}
}
