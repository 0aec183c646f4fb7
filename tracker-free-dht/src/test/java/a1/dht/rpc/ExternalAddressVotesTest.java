package a1.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExternalAddressVotesTest {

    static InetSocketAddress at(String ip, int port) {
        return new InetSocketAddress(InetAddress.ofLiteral(ip), port);
    }

    @Test
    void needsAQuorumOfDistinctVoterIps() {
        ExternalAddressVotes votes = new ExternalAddressVotes(3);
        for (int port = 1; port <= 10; port++) {
            votes.vote(at("203.0.113.9", port), at("198.51.100.1", 6881)); // one host, many ports: one vote
        }
        assertTrue(votes.external().isEmpty());
        votes.vote(at("203.0.113.10", 1), at("198.51.100.1", 6881));
        votes.vote(at("203.0.113.11", 1), at("198.51.100.1", 6881));
        assertEquals(Optional.of(InetAddress.ofLiteral("198.51.100.1")), votes.external());
    }

    @Test
    void majorityWinsOverALiar() {
        ExternalAddressVotes votes = new ExternalAddressVotes(2);
        votes.vote(at("203.0.113.1", 1), at("192.0.2.66", 1));
        votes.vote(at("203.0.113.2", 1), at("198.51.100.1", 1));
        votes.vote(at("203.0.113.3", 1), at("198.51.100.1", 1));
        votes.vote(at("203.0.113.4", 1), at("198.51.100.1", 1));
        assertEquals(Optional.of(InetAddress.ofLiteral("198.51.100.1")), votes.external());
    }
}
