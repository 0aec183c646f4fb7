package a1.dht.store;

import a1.dht.id.NodeId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Peers announced per infohash, with expiry and hard bounds on both the number of infohashes and
 * the peers kept per infohash (oldest announcement dropped first).
 *
 * <p>Not thread-safe: each node confines it to its event loop.
 */
public final class PeerStore {

    private final int maxInfohashes;
    private final int maxPeersPerInfohash;
    private final boolean onePeerPerIp;
    private final long lifetimeMillis;
    private final Map<NodeId, LinkedHashMap<InetSocketAddress, Long>> swarms = new HashMap<>();

    /** With onePeerPerIp, a new announcement replaces any other port of the same IP (public DHT rule). */
    public PeerStore(int maxInfohashes, int maxPeersPerInfohash, boolean onePeerPerIp, long lifetimeMillis) {
        this.maxInfohashes = maxInfohashes;
        this.maxPeersPerInfohash = maxPeersPerInfohash;
        this.onePeerPerIp = onePeerPerIp;
        this.lifetimeMillis = lifetimeMillis;
    }

    /** Records an announcement; false when the store is full of other infohashes. */
    public boolean announce(NodeId infohash, InetSocketAddress peer, long now) {
        LinkedHashMap<InetSocketAddress, Long> peers = swarms.get(infohash);
        if (peers == null) {
            if (swarms.size() >= maxInfohashes) {
                expire(now);
                if (swarms.size() >= maxInfohashes) {
                    return false;
                }
            }
            peers = new LinkedHashMap<>();
            swarms.put(infohash, peers);
        }
        if (onePeerPerIp) {
            peers.keySet().removeIf(p -> p.getAddress().equals(peer.getAddress()));
        } else {
            peers.remove(peer);
        }
        peers.put(peer, now + lifetimeMillis);
        if (peers.size() > maxPeersPerInfohash) {
            Iterator<InetSocketAddress> oldest = peers.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** Up to max live peers for the infohash, a random sample when there are more. */
    public List<InetSocketAddress> peers(NodeId infohash, int max, long now, RandomGenerator random) {
        LinkedHashMap<InetSocketAddress, Long> peers = swarms.get(infohash);
        if (peers == null) {
            return List.of();
        }
        peers.values().removeIf(expiry -> expiry <= now);
        if (peers.isEmpty()) {
            swarms.remove(infohash);
            return List.of();
        }
        List<InetSocketAddress> all = new ArrayList<>(peers.keySet());
        if (all.size() > max) {
            Collections.shuffle(all, random);
            return List.copyOf(all.subList(0, max));
        }
        return all;
    }

    public int infohashCount() {
        return swarms.size();
    }

    public void expire(long now) {
        swarms.values().forEach(p -> p.values().removeIf(expiry -> expiry <= now));
        swarms.values().removeIf(Map::isEmpty);
    }
}
