package a1.kernels.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The regrouped copies' memory: zeroed, writable, of the asked size, and on a 2 MB boundary when mapped for huge pages. */
class RegroupedMemoryTest {
    @Test
    void largeCopiesAreZeroedWritableAndAlignedForHugePages() {
        long bytes = (5L << 20) + 12_345;
        var seg = RegroupedMemory.allocate(bytes);
        assertEquals(bytes, seg.byteSize());
        if (System.getProperty("os.name").startsWith("Linux")) assertEquals(0, seg.address() % (2L << 20));
        for (long i = 0; i < bytes; i += 4093) assertEquals(0, seg.get(ValueLayout.JAVA_BYTE, i), "byte " + i);
        seg.set(ValueLayout.JAVA_BYTE, bytes - 1, (byte) 7);
        seg.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, -1L);
        assertEquals(7, seg.get(ValueLayout.JAVA_BYTE, bytes - 1));
        assertEquals(-1L, seg.get(ValueLayout.JAVA_LONG_UNALIGNED, 0));
    }

    @Test
    void smallCopiesAreZeroedArenaMemory() {
        var seg = RegroupedMemory.allocate(1000);
        assertEquals(1000, seg.byteSize());
        for (long i = 0; i < 1000; i++) assertEquals(0, seg.get(ValueLayout.JAVA_BYTE, i));
        assertEquals(0, seg.address() % 64);
    }
}
