package a1.swarm;

import java.net.InetAddress;
import java.time.Duration;

/**
 * Network and pacing settings of one node. {@code port} 0 picks a free port. {@code uploadLimit} caps what a
 * seeder sends (bytes per second, 0 = unlimited). A fetch fails when no byte arrives for {@code stallTimeout}.
 */
public record SwarmOptions(InetAddress bindAddress, int port, long uploadLimit, Duration stallTimeout, Duration peerRefresh,
                           Duration reannounce) {
    public SwarmOptions {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port);
        if (uploadLimit < 0) throw new IllegalArgumentException("upload limit " + uploadLimit);
    }

    /** Loopback only, free port, no limit: what tests use. */
    public static SwarmOptions loopback() {
        return new SwarmOptions(InetAddress.getLoopbackAddress(), 0, 0, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMinutes(15));
    }

    public SwarmOptions withPort(int p) {
        return new SwarmOptions(bindAddress, p, uploadLimit, stallTimeout, peerRefresh, reannounce);
    }

    public SwarmOptions withUploadLimit(long bytesPerSecond) {
        return new SwarmOptions(bindAddress, port, bytesPerSecond, stallTimeout, peerRefresh, reannounce);
    }

    public SwarmOptions withStallTimeout(Duration d) {
        return new SwarmOptions(bindAddress, port, uploadLimit, d, peerRefresh, reannounce);
    }
}
