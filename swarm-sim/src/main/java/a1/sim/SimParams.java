package a1.sim;

import a1.peer.gossip.GossipRound;

/**
 * One simulated swarm.
 *
 * @param peers          serving peers kept in the swarm (a leaver is replaced by a joiner)
 * @param layers         the model's layers
 * @param minCapacity    fewest layers a peer can hold (capacities are uniform in min..max)
 * @param maxCapacity    most layers a peer can hold
 * @param medianSession  median session lifetime in seconds (log-normal, sigma 1.5), or 0 for no churn
 * @param seconds        simulated time
 * @param gossipMillis   gossip period (announcements live five periods, as PeerNode sets them)
 * @param fanout         random peers per gossip round besides the seeds
 * @param sample         most announcements a gossip message carries (GossipRound.payload; its own and a random sample)
 * @param settleMillis   wait after joining or moving before a peer considers moving
 * @param threshold      a move must lift the bottleneck by this factor
 * @param requestsPerSecond client requests started per second (Poisson)
 * @param seed           everything random derives from it
 */
public record SimParams(int peers, int layers, int minCapacity, int maxCapacity, double medianSession, int seconds,
                        long gossipMillis, int fanout, int sample, long settleMillis, double threshold, double requestsPerSecond, long seed) {
    public SimParams {
        if (peers < 1 || layers < 1 || minCapacity < 1 || maxCapacity < minCapacity || seconds < 1 || gossipMillis < 1 || fanout < 0 || sample < 1) {
            throw new IllegalArgumentException("bad simulation parameters " + this);
        }
    }

    /**
     * The defaults of a real peer before the tuning in docs/SCALE.md (PeerCommand: gossip every 2 s, settle 10 s,
     * threshold 1.2, since lowered to 1.1; fan-out 3; messages of up to {@link GossipRound#SAMPLE} announcements) on an
     * 80-layer model.
     */
    public static SimParams defaults(int peers, double medianSession, int seconds, long seed) {
        return new SimParams(peers, 80, 4, 20, medianSession, seconds, 2_000, 3, GossipRound.SAMPLE, 10_000, 1.2, 0.5, seed);
    }

    public SimParams withGossip(long millis, int fanout) {
        return new SimParams(peers, layers, minCapacity, maxCapacity, medianSession, seconds, millis, fanout, sample, settleMillis, threshold, requestsPerSecond, seed);
    }

    public SimParams withRebalance(long settle, double threshold) {
        return new SimParams(peers, layers, minCapacity, maxCapacity, medianSession, seconds, gossipMillis, fanout, sample, settle, threshold, requestsPerSecond, seed);
    }

    public SimParams withSample(int sample) {
        return new SimParams(peers, layers, minCapacity, maxCapacity, medianSession, seconds, gossipMillis, fanout, sample, settleMillis, threshold, requestsPerSecond, seed);
    }

    public SimParams withRequests(double perSecond) {
        return new SimParams(peers, layers, minCapacity, maxCapacity, medianSession, seconds, gossipMillis, fanout, sample, settleMillis, threshold, perSecond, seed);
    }
}
