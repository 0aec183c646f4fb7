package a1.sim;

import java.util.ArrayList;
import java.util.List;

/** What a run counts as it goes. */
final class Metrics {
    long messages, bytes, capped, moves, signs, signNanos, verifies, verifyNanos, peerMillis;
    int announcementBytes;
    long coveredAt = -1;
    int samples, coveredSamples;
    double bottleneckSum;
    /** Sampled views: peers known to a serving peer, against the live serving peers then. */
    double viewSum, liveSum;
    long heapBytes;
    int requests, succeeded, failedRequests, failovers;
    final List<Long> latencies = new ArrayList<>();
}
