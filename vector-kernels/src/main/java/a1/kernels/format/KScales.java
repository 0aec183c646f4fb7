package a1.kernels.format;

import java.lang.foreign.MemorySegment;

/**
 * The 12-byte scale/min table shared by Q4_K and Q5_K: eight 6-bit scales and eight 6-bit mins. Sub-blocks 0-3
 * keep theirs in the low 6 bits of bytes 0-3 (scales) and 4-7 (mins); sub-blocks 4-7 split theirs between the
 * nibbles of bytes 8-11 and the top two bits of bytes 0-7. Kernels read the table as one long (bytes 0-7) and one
 * int (bytes 8-11) and decode from registers, instead of two bounds-checked byte reads per value.
 */
final class KScales {
    static long low(MemorySegment s, long table) {
        return s.get(Le.LONG, table);
    }

    static int high(MemorySegment s, long table) {
        return s.get(Le.INT, table + 8);
    }

    static int scale(long low, int high, int j) {
        if (j < 4) return (int) (low >>> (8 * j)) & 63;
        return (high >>> (8 * (j - 4))) & 0xF | ((int) (low >>> (8 * (j - 4) + 6)) & 3) << 4;
    }

    static int min(long low, int high, int j) {
        if (j < 4) return (int) (low >>> (8 * (j + 4))) & 63;
        return (high >>> (8 * (j - 4) + 4)) & 0xF | ((int) (low >>> (8 * j + 6)) & 3) << 4;
    }

    /** Sum over sub-blocks of min * (sum of the Q8_K quants under it), for super-block b of token t. */
    static int mins(long low, int high, Activations a, int t, int b) {
        int g = t * (a.cols() / 16) + b * 16;
        int m = 0;
        for (int j = 0; j < 8; j++) m += min(low, high, j) * (a.bsums[g + 2 * j] + a.bsums[g + 2 * j + 1]);
        return m;
    }

    private KScales() {}
}
