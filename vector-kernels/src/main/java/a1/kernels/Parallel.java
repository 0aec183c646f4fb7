package a1.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The only place A1 kernels run in parallel: a fixed pool of {@code threads - 1} daemon workers plus the calling
 * thread. {@link #forRange} hands out [0, n) in contiguous chunks that the participants claim from a shared
 * counter, each claim taking a fixed share of what is left ({@link #CLAIM_SHARE}): the first chunks are long, so a
 * thread streams one long run of weights, and the last are short, so a thread slowed by other load on a shared
 * machine (on the development VM one vCPU often computes 1.4x slower than the other) leaves the other little to
 * wait for. A call publishes the body in fields and bumps a generation counter: the steady state starts no thread
 * and allocates nothing. Idle workers spin briefly and then park, because A1 often shares its cores.
 */
public final class Parallel implements AutoCloseable {
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static final int SPINS = 2_000;
    /**
     * A claim takes 1 / (CLAIM_SHARE x threads) of the units left, at least one. In-process on the big models at two
     * threads, against four equal chunks per thread: one token's products 1.00-1.15x as fast, 128 tokens'
     * 1.01-1.12x, every format; a share of 4 or 1 (or equal chunks, 16 or 32 per thread) was slower for some.
     */
    private static final int CLAIM_SHARE = 2;

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger nextUnit = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private volatile long generation;
    private volatile boolean closed;
    private RangeBody body;
    private int n;
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
            this.caller = Thread.currentThread();
            this.failure = null;
            nextUnit.set(0);
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
        for (int from; (from = nextUnit.get()) < n; ) {
            int to = from + Math.max(1, (n - from) / (CLAIM_SHARE * threads));
            if (!nextUnit.compareAndSet(from, to) || failure != null) continue;
            try {
                body.run(from, to);
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
