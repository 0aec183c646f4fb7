package a1.kernels.format;

import java.lang.foreign.MemorySegment;

/**
 * The 12-byte scale/min table shared by Q4_K and Q5_K: eight 6-bit scales and eight 6-bit mins. Sub-blocks 0-3
 * keep theirs in the low 6 bits of bytes 0-3 (scales) and 4-7 (mins); sub-blocks 4-7 split theirs between the
 * nibbles of bytes 8-11 and the top two bits of bytes 0-7. Kernels read the table as one long (bytes 0-7) and one
 * int (bytes 8-11) and unpack all scales and all mins into one long each, a byte per value.
 */
final class KScales {
    static long low(MemorySegment s, long table) {
        return s.get(Le.LONG, table);
    }

    static int high(MemorySegment s, long table) {
        return s.get(Le.INT, table + 8);
    }

    /** The eight scales, one per byte (sub-block j in byte j). */
    static long scales(long low, int high) {
        long u0 = low & 0xFFFFFFFFL, u2 = high & 0xFFFFFFFFL;
        return (u0 & 0x3F3F3F3FL) | ((u2 & 0x0F0F0F0FL) | ((u0 >>> 6) & 0x03030303L) << 4) << 32;
    }

    /** The eight mins, one per byte. */
    static long mins(long low, int high) {
        long u1 = low >>> 32, u2 = high & 0xFFFFFFFFL;
        return (u1 & 0x3F3F3F3FL) | (((u2 >>> 4) & 0x0F0F0F0FL) | ((u1 >>> 6) & 0x03030303L) << 4) << 32;
    }

    /** Byte j of a table from {@link #scales} or {@link #mins}. */
    static int get(long table, int j) {
        return (int) (table >>> (8 * j)) & 0xFF;
    }

    /** Sum over sub-blocks of min * (sum of the Q8_K quants under it), for super-block b of token t. */
    static int minTerm(long mins, Activations a, int t, int b) {
        int g = t * (a.cols() / Q8_K.GROUP) + b * 8;
        int m = 0;
        for (int j = 0; j < 8; j++) m += get(mins, j) * a.groupSums[g + j];
        return m;
    }

    private KScales() {}
}
