package a1.peer.node;

import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.spec.model.LayerRange;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run a serving peer.
 *
 * @param layers      a fixed range, or null to choose one from the gossip state (and re-balance later)
 * @param capacity    most layers this peer holds when it chooses its own range
 * @param advertised  the IP literal other peers reach this one at
 * @param gossipEvery gossip period; announcements live five periods
 * @param settle      how long a peer waits after joining or moving before it considers moving again
 * @param threshold   a move must lift the swarm's bottleneck by this factor
 */
public record PeerOptions(Path model, String modelId, LayerRange layers, int capacity, PeerIdentity identity, RelayConfig relay,
                          InetSocketAddress bind, String advertised, List<InetSocketAddress> bootstrap, Duration gossipEvery,
                          Duration settle, double threshold, int threads) {
    public PeerOptions {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least one layer");
        if (threshold < 1) throw new IllegalArgumentException("re-balance threshold must be at least 1");
        bootstrap = List.copyOf(bootstrap);
    }

    /** Loopback defaults for tests and local use. */
    public static PeerOptions local(Path model, String modelId, LayerRange layers, List<InetSocketAddress> bootstrap) {
        return new PeerOptions(model, modelId, layers, Integer.MAX_VALUE, PeerIdentity.generate(), RelayConfig.defaults(),
                new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", bootstrap, Duration.ofMillis(500), Duration.ofSeconds(3), 1.2, 1);
    }

    public PeerOptions withCapacity(int n) {
        return new PeerOptions(model, modelId, layers, n, identity, relay, bind, advertised, bootstrap, gossipEvery, settle, threshold, threads);
    }
}
