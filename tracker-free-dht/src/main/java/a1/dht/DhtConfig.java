package a1.dht;

import a1.dht.rpc.AddressPolicy;
import java.time.Duration;

/**
 * Everything tunable about a DHT node. {@link #mainline()} suits the public BitTorrent DHT;
 * {@link #localSwarm()} suits tests and demos on loopback or a LAN.
 *
 * @param k                       bucket size and replication factor (BEP 5: 8)
 * @param alpha                   parallel queries per lookup
 * @param requestTimeout          how long to wait for a reply before counting a failure
 * @param maxFailures             failures after which a contact is stale and replaceable
 * @param allowPrivateAddresses   accept loopback, private and link-local contacts
 * @param enforceBep42            keep only contacts whose id matches their IP (BEP 42)
 * @param manyNodesPerIp          allow several contacts and announced peers per IP (one socket each)
 * @param queriesPerSecond        sustained queries accepted per source address
 * @param queryBurst              queries a source may send at once
 * @param amplificationFactor     max reply/query size ratio for sources that never answered us
 * @param maxInfohashes           infohashes the peer store keeps
 * @param maxPeersPerInfohash     peers kept per infohash
 * @param maxValuesPerReply       peers returned in one get_peers reply
 * @param maxItems                BEP 44 items kept
 * @param peerLifetime            how long an announcement lives
 * @param itemLifetime            how long a BEP 44 item lives (BEP 44: 2 hours)
 * @param tokenRotation           how often the write-token secret rotates (tokens live two periods)
 * @param bucketRefresh           a bucket unchanged this long is refreshed with a lookup
 * @param maintenanceInterval     how often refresh, pings and expiry run
 */
public record DhtConfig(
        int k,
        int alpha,
        Duration requestTimeout,
        int maxFailures,
        boolean allowPrivateAddresses,
        boolean enforceBep42,
        boolean manyNodesPerIp,
        int queriesPerSecond,
        int queryBurst,
        int amplificationFactor,
        int maxInfohashes,
        int maxPeersPerInfohash,
        int maxValuesPerReply,
        int maxItems,
        Duration peerLifetime,
        Duration itemLifetime,
        Duration tokenRotation,
        Duration bucketRefresh,
        Duration maintenanceInterval) {

    public DhtConfig {
        check(k >= 1 && k <= 64, "k must be 1..64, got " + k);
        check(alpha >= 1 && alpha <= 16, "alpha must be 1..16, got " + alpha);
        check(maxFailures >= 1, "maxFailures must be >= 1");
        check(queriesPerSecond >= 1 && queryBurst >= 1, "rate limits must be positive");
        check(amplificationFactor >= 2, "amplificationFactor must be >= 2 (an id-only reply needs it)");
        check(maxInfohashes >= 1 && maxPeersPerInfohash >= 1 && maxValuesPerReply >= 1 && maxItems >= 1,
                "store bounds must be positive");
        for (Duration d : new Duration[] {requestTimeout, peerLifetime, itemLifetime, tokenRotation, bucketRefresh,
                maintenanceInterval}) {
            check(d.isPositive(), "durations must be positive, got " + d);
        }
    }

    /** Which contacts a node with these settings routes to and stores (see {@link AddressPolicy}). */
    public AddressPolicy addressPolicy() {
        return new AddressPolicy(allowPrivateAddresses, enforceBep42, manyNodesPerIp);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Settings for the public mainline DHT: public addresses only, BEP 42 enforced. */
    public static DhtConfig mainline() {
        return new DhtConfig(8, 3, Duration.ofSeconds(2), 2, false, true, false, 20, 40, 4,
                10_000, 100, 50, 10_000, Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofMinutes(5),
                Duration.ofMinutes(15), Duration.ofMinutes(1));
    }

    /** Settings for local swarms: loopback and private addresses, many nodes per IP, no BEP 42. */
    public static DhtConfig localSwarm() {
        return new DhtConfig(8, 4, Duration.ofMillis(1500), 2, true, false, true, 200, 400, 4,
                10_000, 100, 50, 10_000, Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofMinutes(5),
                Duration.ofMinutes(15), Duration.ofSeconds(10));
    }

    public DhtConfig withAlpha(int a) {
        return new DhtConfig(k, a, requestTimeout, maxFailures, allowPrivateAddresses, enforceBep42, manyNodesPerIp,
                queriesPerSecond,
                queryBurst, amplificationFactor, maxInfohashes, maxPeersPerInfohash, maxValuesPerReply, maxItems,
                peerLifetime, itemLifetime, tokenRotation, bucketRefresh, maintenanceInterval);
    }

    public DhtConfig withRateLimit(int perSecond, int burst) {
        return new DhtConfig(k, alpha, requestTimeout, maxFailures, allowPrivateAddresses, enforceBep42, manyNodesPerIp,
                perSecond,
                burst, amplificationFactor, maxInfohashes, maxPeersPerInfohash, maxValuesPerReply, maxItems,
                peerLifetime, itemLifetime, tokenRotation, bucketRefresh, maintenanceInterval);
    }

    public DhtConfig withMaintenance(Duration refresh, Duration interval) {
        return new DhtConfig(k, alpha, requestTimeout, maxFailures, allowPrivateAddresses, enforceBep42, manyNodesPerIp,
                queriesPerSecond, queryBurst, amplificationFactor, maxInfohashes, maxPeersPerInfohash,
                maxValuesPerReply, maxItems, peerLifetime, itemLifetime, tokenRotation, refresh, interval);
    }
}
