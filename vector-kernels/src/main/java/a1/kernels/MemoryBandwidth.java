package a1.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures how fast this machine streams memory into the cores: the physical limit of decode, which reads every
 * weight once per token. A buffer far larger than the caches is summed with SIMD loads on the given pool.
 */
public final class MemoryBandwidth {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private MemoryBandwidth() {}

    /** Best read bandwidth, in bytes per second, over {@code rounds} passes over {@code bytes} of memory. */
    public static double measure(Parallel pool, long bytes, int rounds) {
        try (Arena arena = Arena.ofShared()) { // shared: the pool's threads read it
            MemorySegment seg = arena.allocate(bytes, 64);
            seg.fill((byte) 1); // touch every page before timing
            long floats = bytes / Float.BYTES;
            int chunks = pool.threads() * 64;
            long perChunk = floats / chunks / F.length() * F.length();
            float[] sink = new float[chunks];
            double best = 0;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                pool.forRange(chunks, (from, to) -> {
                    for (int c = from; c < to; c++) sink[c] = sum(seg, c * perChunk, perChunk);
                });
                long ns = System.nanoTime() - t0;
                best = Math.max(best, chunks * perChunk * (double) Float.BYTES * 1e9 / ns);
            }
            if (Float.isNaN(sink[0])) throw new AssertionError("unreachable: keeps the sums alive");
            return best;
        }
    }

    private static float sum(MemorySegment seg, long firstFloat, long count) {
        FloatVector acc = FloatVector.zero(F);
        long end = (firstFloat + count) * Float.BYTES;
        for (long off = firstFloat * Float.BYTES; off < end; off += F.vectorByteSize()) {
            acc = acc.add(FloatVector.fromMemorySegment(F, seg, off, ByteOrder.nativeOrder()));
        }
        return acc.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
