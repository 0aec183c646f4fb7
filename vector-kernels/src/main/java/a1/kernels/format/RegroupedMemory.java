package a1.kernels.format;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Memory for the weight copies (regrouped, or F16 and F32 rows as they are), which decode streams in full
 * for every token. On Linux it is mapped
 * anonymously and advised to transparent huge pages before its first write (Arena memory is written while it is
 * allocated, too early for the advice): 2 MB pages take the stream's TLB misses, each a two-level page walk in a
 * VM, down 512-fold. big-Q8_0 decode, 9-10 runs each alternated with the Arena memory of before: median 15.9 ->
 * 20.3 tok/s at 2 threads, no change at 1 (10.5); big-Q4_K showed no difference either way. Elsewhere, or when the
 * mapping fails, it is plain Arena memory. Zeroed; unmapped once unreachable.
 */
final class RegroupedMemory {
    private static final long HUGE = 2L << 20;
    private static final int PROT_READ_WRITE = 3, MAP_PRIVATE_ANONYMOUS = 0x22, MADV_HUGEPAGE = 14;
    private static final MethodHandle MMAP = function("mmap", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
    private static final MethodHandle MADVISE = function("madvise", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle MUNMAP = function("munmap", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG));

    /** A copy of {@code src} in memory from {@link #allocate}. */
    static MemorySegment copyOf(MemorySegment src) {
        return allocate(src.byteSize()).copyFrom(src);
    }

    /** {@code bytes} of zeroed memory: mapped for huge pages where it is large enough and the system allows, else Arena memory. */
    static MemorySegment allocate(long bytes) {
        MemorySegment mapped = bytes < 2 * HUGE || MMAP == null || MADVISE == null || MUNMAP == null ? null : mapped(bytes);
        return mapped != null ? mapped : Arena.ofAuto().allocate(bytes, 64);
    }

    /** {@code bytes} mapped from a 2 MB boundary and advised to huge pages, or null if the mapping fails. */
    private static MemorySegment mapped(long bytes) {
        long rounded = (bytes + HUGE - 1) & -HUGE, size = rounded + HUGE; // room to start on a 2 MB boundary
        try {
            MemorySegment raw = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, size, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0L);
            if (raw.address() == -1L) return null;
            long start = (raw.address() + HUGE - 1) & -HUGE;
            MemorySegment seg = MemorySegment.ofAddress(start).reinterpret(bytes, Arena.ofAuto(), s -> unmap(raw, size));
            int ignored = (int) MADVISE.invokeExact(seg, rounded, MADV_HUGEPAGE); // advice only
            return seg;
        } catch (Throwable e) {
            throw new IllegalStateException("mapping " + bytes + " bytes for a regrouped weight copy failed", e);
        }
    }

    private static void unmap(MemorySegment raw, long size) {
        try {
            int ignored = (int) MUNMAP.invokeExact(raw, size);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle function(String name, FunctionDescriptor type) {
        if (!System.getProperty("os.name", "").startsWith("Linux")) return null;
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup().find(name).map(f -> linker.downcallHandle(f, type)).orElse(null);
    }

    private RegroupedMemory() {}
}
