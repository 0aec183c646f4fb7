package a1.kernels.format;

import java.lang.foreign.MemorySegment;

/**
 * The 12-byte scale/min table shared by Q4_K and Q5_K: eight 6-bit scales and eight 6-bit mins. Sub-blocks 0-3
 * keep theirs in the low 6 bits of bytes 0-3 (scales) and 4-7 (mins); sub-blocks 4-7 split theirs between the
 * nibbles of bytes 8-11 and the top two bits of bytes 0-7.
 */
final class KScales {
    static int scale(MemorySegment s, long table, int j) {
        if (j < 4) return Le.u8(s, table + j) & 63;
        return (Le.u8(s, table + j + 4) & 0xF) | ((Le.u8(s, table + j - 4) >>> 6) << 4);
    }

    static int min(MemorySegment s, long table, int j) {
        if (j < 4) return Le.u8(s, table + j + 4) & 63;
        return (Le.u8(s, table + j + 4) >>> 4) | ((Le.u8(s, table + j) >>> 6) << 4);
    }

    private KScales() {}
}
