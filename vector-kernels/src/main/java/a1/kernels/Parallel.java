package a1.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The only place A1 kernels run in parallel: a fixed pool of {@code threads - 1} daemon workers plus the calling
 * thread. {@link #forRange} hands each participant one contiguous chunk and returns when all are done. A call
 * publishes the body in fields and bumps a generation counter, so the steady state starts no thread and
 * allocates nothing. Workers spin briefly and then park, because A1 often shares its cores.
 */
public final class Parallel implements AutoCloseable {
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static final int SPINS = 2_000;

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private volatile long generation;
    private volatile boolean closed;
    private RangeBody body;
    private int n;
    private Thread caller;
    private volatile Throwable failure;

    public Parallel(int threads) {
        if (threads < 1 || threads > 1024) throw new IllegalArgumentException("thread count " + threads + " is not in 1..1024");
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int index = i + 1;
            workers[i] = Thread.ofPlatform().daemon().name("a1-kernel-" + index).start(() -> workLoop(index));
        }
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over [0, n) split into contiguous chunks, one per thread, and waits for all of them. A
     * nested or concurrent call runs its whole range on the calling thread. An exception in any chunk is rethrown
     * here after every chunk has finished.
     */
    public void forRange(int n, RangeBody body) {
        if (n < 0) throw new IllegalArgumentException("range size " + n);
        if (closed) throw new IllegalStateException("Parallel pool is closed");
        if (threads == 1 || n < 2 || !busy.compareAndSet(0, 1)) {
            if (n > 0) body.run(0, n);
            return;
        }
        try {
            this.body = body;
            this.n = n;
            this.caller = Thread.currentThread();
            this.failure = null;
            pending.set(workers.length);
            generation++; // volatile write publishes body, n and caller
            for (Thread w : workers) LockSupport.unpark(w);
            Throwable own = null;
            try {
                int end = chunkEnd(0, n);
                if (end > 0) body.run(0, end);
            } catch (Throwable t) {
                own = t;
            }
            for (int spin = 0; pending.get() != 0; spin++) {
                if (spin < SPINS) Thread.onSpinWait();
                else LockSupport.park(this);
            }
            this.body = null;
            Throwable f = own != null ? own : failure;
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
        } finally {
            busy.set(0);
        }
    }

    private int chunkEnd(int index, int n) {
        return (int) ((long) n * (index + 1) / threads);
    }

    private void workLoop(int index) {
        long seen = 0;
        int spin = 0;
        while (!closed) {
            long g = generation;
            if (g == seen) {
                if (spin++ < SPINS) Thread.onSpinWait();
                else LockSupport.park(this);
                continue;
            }
            seen = g;
            spin = 0;
            int total = n;
            try {
                int from = chunkEnd(index - 1, total), to = chunkEnd(index, total);
                if (from < to) body.run(from, to);
            } catch (Throwable t) {
                failure = t;
            }
            if (pending.decrementAndGet() == 0) LockSupport.unpark(caller);
        }
    }

    /** Stops the workers; later calls to {@link #forRange} fail. */
    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) LockSupport.unpark(w);
        for (Thread w : workers) {
            try {
                w.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
