package a1.swarm;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a fetch: verified and total bytes of the wanted shards, bytes received from the swarm in this run,
 * the receive rate (bytes/s, smoothed), connected peers, and the estimated time left (empty while the rate is 0).
 */
public record FetchProgress(long verifiedBytes, long wantedBytes, long receivedBytes, double rate, int peers,
                            int shardsVerified, int shardsWanted, Optional<Duration> eta) {
}
