package a1.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void everyIndexRunsExactlyOnceInContiguousChunks() {
        for (int threads : new int[] {1, 2, 3, 7}) {
            try (Parallel p = new Parallel(threads)) {
                assertEquals(threads, p.threads());
                for (int n : new int[] {0, 1, 2, 3, 6, 7, 100, 1001}) {
                    for (int repeat = 0; repeat < 20; repeat++) {
                        AtomicIntegerArray hits = new AtomicIntegerArray(n);
                        p.forRange(n, (from, to) -> {
                            assertTrue(from < to, "empty chunk " + from);
                            for (int i = from; i < to; i++) hits.incrementAndGet(i);
                        });
                        for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "index " + i + " of " + n + " with " + threads + " threads");
                    }
                }
            }
        }
    }

    @Test
    void chunksStartLongAndShrinkToSingleUnits() {
        try (Parallel p = new Parallel(2)) {
            for (int repeat = 0; repeat < 20; repeat++) {
                ConcurrentSkipListMap<Integer, Integer> chunks = new ConcurrentSkipListMap<>();
                p.forRange(1000, (from, to) -> chunks.put(from, to - from));
                assertEquals(250, chunks.firstEntry().getValue(), "first claim: a quarter of the range for two threads");
                assertEquals(1, chunks.lastEntry().getValue(), "last claim");
                int previous = Integer.MAX_VALUE;
                for (int size : chunks.values()) {
                    assertTrue(size <= previous, "claims " + chunks + " grow");
                    previous = size;
                }
            }
        }
    }

    @Test
    void chunksRunOnTheWorkersAndTheCallerAtTheSameTime() {
        try (Parallel p = new Parallel(3)) {
            Set<Thread> seen = ConcurrentHashMap.newKeySet();
            CyclicBarrier allThree = new CyclicBarrier(3);
            // Three chunks that each wait for the other two: only three threads running at once can finish them.
            p.forRange(3, (from, to) -> {
                seen.add(Thread.currentThread());
                try {
                    allThree.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("chunks did not run concurrently", e);
                }
            });
            assertEquals(3, seen.size());
            assertTrue(seen.contains(Thread.currentThread()));
        }
    }

    @Test
    void aFailingChunkIsRethrownAndThePoolKeepsWorking() {
        try (Parallel p = new Parallel(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.forRange(10, (from, to) -> {
                if (from > 0) throw new IllegalStateException("chunk " + from);
            }));
            assertTrue(e.getMessage().startsWith("chunk "), e.getMessage());
            AtomicIntegerArray hits = new AtomicIntegerArray(4);
            p.forRange(4, (from, to) -> { for (int i = from; i < to; i++) hits.incrementAndGet(i); });
            for (int i = 0; i < 4; i++) assertEquals(1, hits.get(i));
        }
    }

    @Test
    void aNestedCallRunsInlineInsteadOfDeadlocking() {
        try (Parallel p = new Parallel(2)) {
            AtomicIntegerArray hits = new AtomicIntegerArray(16);
            p.forRange(4, (from, to) -> {
                for (int i = from; i < to; i++) {
                    int row = i;
                    p.forRange(4, (f2, t2) -> { for (int j = f2; j < t2; j++) hits.incrementAndGet(row * 4 + j); });
                }
            });
            for (int i = 0; i < 16; i++) assertEquals(1, hits.get(i));
        }
    }

    @Test
    void closingDuringACallLetsTheCallFinishEveryChunk() throws Exception {
        Parallel p = new Parallel(3);
        AtomicIntegerArray hits = new AtomicIntegerArray(60);
        Thread closer = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.close();
        });
        long start = System.nanoTime();
        p.forRange(60, (from, to) -> {
            for (int i = from; i < to; i++) {
                hits.incrementAndGet(i);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        closer.join();
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "forRange hung after close");
        for (int i = 0; i < 60; i++) assertEquals(1, hits.get(i), "index " + i);
    }

    @Test
    void badArgumentsAndUseAfterCloseAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Parallel(0));
        Parallel p = new Parallel(2);
        assertThrows(IllegalArgumentException.class, () -> p.forRange(-1, (a, b) -> { }));
        p.close();
        assertThrows(IllegalStateException.class, () -> p.forRange(4, (a, b) -> { }));
    }
}
