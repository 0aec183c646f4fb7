package a1.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.peer.gossip.SwarmView;
import a1.peer.routing.PeerInfo;
import a1.spec.model.LayerRange;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwarmCommandTest {
    private static final String ID = "ab".repeat(32);

    @Test
    void theTableCountsPeersAndNamesTheUncoveredLayers() {
        PeerInfo a = new PeerInfo("0123456789".repeat(6) + "abcd", new InetSocketAddress("127.0.0.1", 4000), new LayerRange(0, 2), 12.5, 1);
        assertEquals("""
                model %s: 1 peer, SOME LAYERS UNCOVERED
                LAYER   PEERS     TOKENS/S
                0           1         12.5
                1           1         12.5
                2           0          0.0  uncovered

                PEER     ADDRESS                LAYERS     TOKENS/S  LOAD
                01234567 127.0.0.1:4000         0-1            12.5     1
                """.formatted(ID), SwarmCommand.Status.table(new SwarmView(ID, 3, List.of(a))));
        PeerInfo b = new PeerInfo("fedcba9876".repeat(6) + "abcd", new InetSocketAddress("127.0.0.1", 4001), new LayerRange(2, 3), 20, 0);
        assertEquals("model " + ID + ": 2 peers, every layer covered", SwarmCommand.Status.table(new SwarmView(ID, 3, List.of(a, b))).lines().findFirst().orElseThrow());
    }
}
