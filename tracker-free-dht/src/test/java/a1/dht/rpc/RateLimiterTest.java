package a1.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void burstThenSustainedRatePerSource() {
        RateLimiter<String> limiter = new RateLimiter<>(10, 5, 100);
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire("a", 0));
        }
        assertFalse(limiter.tryAcquire("a", 0));
        assertTrue(limiter.tryAcquire("b", 0), "other sources are unaffected");
        assertTrue(limiter.tryAcquire("a", 100), "10/s refills one token per 100 ms");
        assertFalse(limiter.tryAcquire("a", 100));
    }

    @Test
    void trackedSourcesAreBounded() {
        RateLimiter<Integer> limiter = new RateLimiter<>(10, 5, 100);
        for (int i = 0; i < 10_000; i++) {
            limiter.tryAcquire(i, 0);
        }
        assertEquals(100, limiter.trackedSources());
    }
}
