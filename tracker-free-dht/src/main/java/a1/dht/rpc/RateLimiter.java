package a1.dht.rpc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token-bucket rate limit per source key, with a bounded number of tracked sources (least recently
 * active forgotten first), so a flood of spoofed sources costs bounded memory.
 *
 * <p>Not thread-safe: confined to the node's event loop.
 */
public final class RateLimiter<K> {

    private static final class Bucket {
        double tokens;
        long updatedAt;
    }

    private final double perMilli;
    private final int burst;
    private final Map<K, Bucket> buckets;

    public RateLimiter(int perSecond, int burst, int maxSources) {
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Bucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** Takes one token for the source; false when it has none left. */
    public boolean tryAcquire(K source, long now) {
        Bucket b = buckets.get(source);
        if (b == null) {
            b = new Bucket();
            b.tokens = burst;
            b.updatedAt = now;
            buckets.put(source, b);
        }
        b.tokens = Math.min(burst, b.tokens + (now - b.updatedAt) * perMilli);
        b.updatedAt = now;
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }

    public int trackedSources() {
        return buckets.size();
    }
}
