package a1.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The only place A1 kernels run in parallel: a fixed pool of {@code threads - 1} daemon workers plus the calling
 * thread. {@link #forRange} cuts [0, n) into a few contiguous chunks per thread, which the participants claim
 * from a shared counter, so a thread slowed by other load on a shared machine just takes fewer chunks. A call
 * publishes the body in fields and bumps a generation counter: the steady state starts no thread and allocates
 * nothing. Idle workers spin briefly and then park, because A1 often shares its cores.
 */
public final class Parallel implements AutoCloseable {
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static final int SPINS = 2_000;
    private static final int CHUNKS_PER_THREAD = 4;

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger nextChunk = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private volatile long generation;
    private volatile boolean closed;
    private RangeBody body;
    private int n;
    private int chunks;
    private volatile Thread caller;
    private volatile Throwable failure;

    public Parallel(int threads) {
        if (threads < 1 || threads > 1024) throw new IllegalArgumentException("thread count " + threads + " is not in 1..1024");
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = Thread.ofPlatform().daemon().name("a1-kernel-" + (i + 1)).start(this::workLoop);
        }
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over [0, n) in contiguous chunks on the pool and waits for all of them. A nested or
     * concurrent call runs its whole range on the calling thread. An exception in any chunk is rethrown here
     * after every chunk has finished.
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
            this.chunks = Math.min(n, threads * CHUNKS_PER_THREAD);
            this.caller = Thread.currentThread();
            this.failure = null;
            nextChunk.set(0);
            pending.set(workers.length);
            generation++; // volatile write publishes the fields above
            for (Thread w : workers) LockSupport.unpark(w);
            runChunks();
            for (int spin = 0; pending.get() != 0; spin++) {
                if (spin < SPINS) Thread.onSpinWait();
                else if (!closed) LockSupport.park(this);
                else if (noWorkerAlive()) break; // closed mid-call: every chunk was claimed, and claimers have finished
                else LockSupport.parkNanos(this, 1_000_000);
            }
            this.body = null;
            Throwable f = failure;
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
        } finally {
            busy.set(0);
        }
    }

    /** Claims and runs chunks until none are left; the first failure is kept and the rest of the work skipped. */
    private void runChunks() {
        for (int c; (c = nextChunk.getAndIncrement()) < chunks; ) {
            if (failure != null) continue;
            try {
                body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
            } catch (Throwable t) {
                if (failure == null) failure = t;
            }
        }
    }

    private void workLoop() {
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
            runChunks();
            if (pending.decrementAndGet() == 0) LockSupport.unpark(caller);
        }
    }

    private boolean noWorkerAlive() {
        for (Thread w : workers) if (w.isAlive()) return false;
        return true;
    }

    /** Stops the workers; later calls to {@link #forRange} fail, and a call in progress still completes. */
    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) LockSupport.unpark(w);
        Thread c = caller;
        if (c != null) LockSupport.unpark(c);
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
