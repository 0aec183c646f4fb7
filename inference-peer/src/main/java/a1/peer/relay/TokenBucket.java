package a1.peer.relay;

import java.util.function.LongSupplier;

/** A token bucket: {@code perSecond} tokens accrue up to {@code burst}; a request takes its cost or is refused. */
final class TokenBucket {
    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, double burst, LongSupplier nanoTime) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    boolean tryTake(double cost) {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens < cost) return false;
        tokens -= cost;
        return true;
    }

    /** True when the bucket is full again, so forgetting it changes nothing. */
    boolean full() {
        return Math.min(burst, tokens + (nanoTime.getAsLong() - last) * perNano) >= burst;
    }
}
