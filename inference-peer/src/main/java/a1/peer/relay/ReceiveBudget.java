package a1.peer.relay;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that partly received large frames may hold over all of a server's connections: each connection may buffer
 * one frame up to the maximum payload, so without a shared bound many connections could hold many times that.
 */
final class ReceiveBudget {
    /** Frames up to this size need no reservation; connections are counted, so these stay bounded too. */
    static final int FREE_BYTES = 64 << 10;
    static final ReceiveBudget UNLIMITED = new ReceiveBudget(Long.MAX_VALUE);

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    ReceiveBudget(long limit) {
        this.limit = limit;
    }

    boolean tryReserve(long bytes) {
        long now = used.addAndGet(bytes);
        if (now <= limit) return true;
        used.addAndGet(-bytes);
        return false;
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }
}
