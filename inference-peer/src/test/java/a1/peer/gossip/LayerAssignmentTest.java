package a1.peer.gossip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.peer.routing.PeerInfo;
import a1.spec.model.LayerRange;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LayerAssignmentTest {
    private static PeerInfo peer(char id, String range, double throughput) {
        return new PeerInfo(String.valueOf(id).repeat(64), new InetSocketAddress("127.0.0.1", 1), LayerRange.parse(range), throughput, 0);
    }

    @Test
    void perLayerThroughputSumsTheServingPeers() {
        assertArrayEquals(new double[] {10, 10, 15, 5, 5}, LayerAssignment.perLayer(List.of(peer('a', "0-2", 10), peer('b', "2-4", 5)), 5));
    }

    @Test
    void aJoinerCoversUncoveredLayersFirst() {
        assertEquals(LayerRange.parse("3-4"), LayerAssignment.choose(new double[] {9, 9, 9, 0, 0}, 2));
        assertEquals(LayerRange.parse("2-4"), LayerAssignment.choose(new double[] {9, 9, 0, 9, 0}, 3));
    }

    @Test
    void aJoinerTakesTheWeakestWindowThenTheLowestTotal() {
        // The Petals rule on a covered swarm: [2,2,2,1,1] -> the window holding the 1s with the smallest sum.
        assertEquals(LayerRange.parse("2-4"), LayerAssignment.choose(new double[] {2, 2, 2, 1, 1}, 3));
        assertEquals(LayerRange.parse("0-1"), LayerAssignment.choose(new double[] {1, 1, 1, 1, 1}, 2), "ties go to the first");
        assertEquals(LayerRange.parse("0-4"), LayerAssignment.choose(new double[] {1, 1, 1, 1, 1}, 9), "capacity beyond the model");
    }

    @Test
    void aPeerMovesToTheBottleneckWhenItHelpsEnough() {
        // a and b both serve 0-1; c alone serves 2-3 slowly: b doubling up on 0-1 is wasted, on 2-3 it lifts 2 to 10.
        List<PeerInfo> peers = List.of(peer('a', "0-1", 10), peer('b', "0-1", 10), peer('c', "2-3", 2), peer('d', "4", 10));
        assertEquals(Optional.of(LayerRange.parse("2-3")), LayerAssignment.rebalance(peers, "b".repeat(64), 5, 2, 1.2));
    }

    @Test
    void aPeerStaysWhenTheGainIsBelowTheThreshold() {
        List<PeerInfo> peers = List.of(peer('a', "0-1", 10), peer('b', "0-1", 10), peer('c', "2-3", 9), peer('d', "4", 10));
        assertEquals(Optional.empty(), LayerAssignment.rebalance(peers, "b".repeat(64), 5, 2, 1.2));
    }

    @Test
    void aPeerNeverLeavesALayerUncovered() {
        // b is the only peer of layer 4; moving it anywhere that drops layer 4 is refused even if the bottleneck rose.
        List<PeerInfo> peers = List.of(peer('a', "0-3", 1), peer('b', "3-4", 100));
        assertEquals(Optional.empty(), LayerAssignment.rebalance(peers, "b".repeat(64), 5, 2, 1.2));
    }

    @Test
    void peersThatStartedOnTheSameWindowSpreadOverTheGaps() {
        // Three peers of two layers each all took 0-1 of five layers: one move cannot cover everything, but each
        // move that covers more layers is taken, and two moves cover the model.
        List<PeerInfo> peers = List.of(peer('a', "0-1", 10), peer('b', "0-1", 20), peer('c', "0-1", 30));
        assertEquals(Optional.of(LayerRange.parse("2-3")), LayerAssignment.rebalance(peers, "a".repeat(64), 5, 2, 1.2));
        List<PeerInfo> afterA = List.of(peer('a', "2-3", 10), peer('b', "0-1", 20), peer('c', "0-1", 30));
        assertEquals(Optional.of(LayerRange.parse("3-4")), LayerAssignment.rebalance(afterA, "b".repeat(64), 5, 2, 1.2));
        List<PeerInfo> afterB = List.of(peer('a', "2-3", 10), peer('b', "3-4", 20), peer('c', "0-1", 30));
        assertEquals(0, LayerAssignment.uncovered(LayerAssignment.perLayer(afterB, 5)));
        assertEquals(Optional.empty(), LayerAssignment.rebalance(afterB, "c".repeat(64), 5, 2, 1.2), "c alone serves 0-1");
    }

    @Test
    void aPeerFillsAGapEvenWhenOthersStayUncovered() {
        // a and b serve 0-1 of six layers: a's move to 2-3 leaves 4-5 uncovered, the bottleneck stays zero, and it is
        // still taken (before, only a move that covered every layer was).
        List<PeerInfo> peers = List.of(peer('a', "0-1", 10), peer('b', "0-1", 10));
        assertEquals(Optional.of(LayerRange.parse("2-3")), LayerAssignment.rebalance(peers, "a".repeat(64), 6, 2, 1.2));
        List<PeerInfo> spread = List.of(peer('a', "2-3", 10), peer('b', "0-1", 10));
        assertEquals(Optional.empty(), LayerAssignment.rebalance(spread, "b".repeat(64), 6, 2, 1.2), "b alone serves 0-1");
    }
}
