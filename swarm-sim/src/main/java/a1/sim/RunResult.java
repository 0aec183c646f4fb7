package a1.sim;

import java.util.List;

/**
 * What one run measured.
 *
 * @param coverageSeconds   time from the cold start until every layer was served (-1: never)
 * @param coveredFraction   share of one-second samples, from then on, in which every layer was served
 * @param bottleneck        mean over those samples of the swarm's bottleneck throughput (tokens/s)
 * @param successRate       requests that completed / requests that ended (completed or gave up)
 * @param p50               end-to-end request latency percentiles (seconds; 8-token prompt, 16 tokens generated)
 * @param messagesPerPeerMinute gossip messages a serving peer sends per minute (its rounds' pushes and its answers)
 * @param bytesPerPeerMinute    their bytes
 * @param capped            gossip messages whose sender knew more announcements than one message carries (sampled)
 * @param movesPerPeerHour  re-balancing moves
 * @param viewFraction      mean share of the live serving peers that a serving peer's gossip view holds
 * @param heapMiB           heap in use at the end of the run after a full collection, the swarm still held
 * @param signMicros        mean real Ed25519 cost of signing and verifying one announcement
 */
public record RunResult(SimParams params, double coverageSeconds, double coveredFraction, double bottleneck, int requests,
                        double successRate, int failovers, double p50, double p90, double p99, double messagesPerPeerMinute,
                        double bytesPerPeerMinute, long capped, double movesPerPeerHour, double viewFraction, double heapMiB, double signMicros, double verifyMicros,
                        double wallSeconds) {
    static RunResult of(SimParams p, Metrics m, double wall) {
        List<Long> l = m.latencies.stream().sorted().toList();
        double peerMinutes = m.peerMillis / 60_000.0;
        return new RunResult(p, m.coveredAt < 0 ? -1 : m.coveredAt / 1000.0, m.samples == 0 ? 0 : (double) m.coveredSamples / m.samples,
                m.samples == 0 ? 0 : m.bottleneckSum / m.samples, m.requests, m.succeeded + m.failedRequests == 0 ? 0 : (double) m.succeeded / (m.succeeded + m.failedRequests),
                m.failovers, percentile(l, 0.50), percentile(l, 0.90), percentile(l, 0.99), m.messages / peerMinutes,
                m.bytes / peerMinutes, m.capped, m.moves / (peerMinutes / 60), m.liveSum == 0 ? 0 : m.viewSum / m.liveSum, m.heapBytes / 1048576.0, m.signs == 0 ? 0 : m.signNanos / 1e3 / m.signs,
                m.verifies == 0 ? 0 : m.verifyNanos / 1e3 / m.verifies, wall);
    }

    private static double percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) return Double.NaN;
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1000.0;
    }
}
