package a1.dht.rpc;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Our external IP as other nodes report it (the BEP 42 "ip" field of their responses). One vote per
 * responding IP, a bounded number of voters, and an answer only once enough distinct voters agree, so
 * a single liar cannot move it. Callers can then pick a BEP 42 node id for that address.
 *
 * <p>Not thread-safe: confined to the event loop.
 */
public final class ExternalAddressVotes {

    private static final int MAX_VOTERS = 256;

    private final int quorum;
    private final Map<InetAddress, InetAddress> votes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, InetAddress> eldest) {
            return size() > MAX_VOTERS;
        }
    };

    public ExternalAddressVotes(int quorum) {
        this.quorum = quorum;
    }

    public void vote(InetSocketAddress voter, InetSocketAddress observed) {
        votes.put(voter.getAddress(), observed.getAddress());
    }

    /** The address most voters agree on, if at least {@code quorum} distinct voters do. */
    public Optional<InetAddress> external() {
        Map<InetAddress, Integer> tally = new HashMap<>();
        votes.values().forEach(ip -> tally.merge(ip, 1, Integer::sum));
        return tally.entrySet().stream()
                .filter(e -> e.getValue() >= quorum)
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
    }
}
