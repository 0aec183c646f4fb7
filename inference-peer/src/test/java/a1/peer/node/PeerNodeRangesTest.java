package a1.peer.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.routing.PeerInfo;
import a1.spec.model.LayerRange;
import a1.spec.testdata.SharedData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A peer gets each range's weights from its {@link LayerSource} before it serves that range (so a range it moves to
 * is fetched while the old one is still served, and a failed fetch leaves it where it was), and {@link
 * PeerNode#leave} drops it from the other peers' view within one gossip period instead of the five its
 * announcements live.
 */
class PeerNodeRangesTest {
    private static final Path MODEL = SharedData.model("stories260K-f32.gguf");

    /** Records each range asked for and the range the peer served at that moment. */
    private static final class RecordingSource implements LayerSource {
        final AtomicReference<PeerNode> node = new AtomicReference<>();
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());
        LayerRange refuse;

        @Override
        public Path holding(LayerRange range) throws IOException {
            PeerNode n = node.get();
            asked.add(range + " while serving " + (n == null ? "nothing" : n.range()));
            if (range.equals(refuse)) throw new IOException("no seeder has layers " + range);
            return MODEL;
        }
    }

    private static PeerOptions options(LayerRange range, List<InetSocketAddress> bootstrap, Duration gossipEvery) throws IOException {
        PeerOptions o = PeerOptions.local(MODEL, PeerNode.localModelId(MODEL), range, bootstrap);
        return new PeerOptions(o.model(), o.modelId(), range, o.capacity(), o.identity(), o.relay(), o.bind(), o.advertised(),
                o.bootstrap(), gossipEvery, o.settle(), o.threshold(), o.threads());
    }

    @Test
    void aRangeIsFetchedBeforeItIsServedAndAFailedFetchKeepsTheOldRange() throws Exception {
        RecordingSource source = new RecordingSource();
        try (PeerNode node = PeerNode.start(options(LayerRange.parse("0-1"), List.of(), Duration.ofMillis(500)), null, source)) {
            source.node.set(node);
            node.moveTo(LayerRange.parse("2-4"));
            assertEquals(LayerRange.parse("2-4"), node.range());
            source.refuse = LayerRange.parse("0-2");
            IOException e = assertThrows(IOException.class, () -> node.moveTo(LayerRange.parse("0-2")));
            assertEquals("no seeder has layers 0-2", e.getMessage());
            assertEquals(LayerRange.parse("2-4"), node.range());
            assertEquals(List.of("0-1 while serving nothing", "2-4 while serving 0-1", "0-2 while serving 2-4"), source.asked);
        }
    }

    @Test
    void aLeavingPeerLeavesTheViewWithinAGossipPeriod() throws Exception {
        Duration period = Duration.ofSeconds(2); // announcements live 10 s
        try (PeerNode stays = PeerNode.start(options(LayerRange.parse("0-4"), List.of(), period));
             PeerNode leaves = PeerNode.start(options(LayerRange.parse("0-4"), List.of(stays.address()), period))) {
            String id = leaves.identity().hexId();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!listed(stays, id)) {
                assertTrue(System.nanoTime() < deadline, "the second peer never reached the first one's gossip");
                Thread.sleep(50);
            }
            long t0 = System.nanoTime();
            assertEquals(0, leaves.leave(Duration.ZERO));
            while (listed(stays, id)) Thread.sleep(50);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            // Its last regular announcement, sent at most one period before, lives until at least 8 s from now.
            assertTrue(millis < 6_000, "the leaving peer stayed in the view for " + millis + " ms");
        }
    }

    private static boolean listed(PeerNode node, String id) {
        return node.gossipState().peers().stream().map(PeerInfo::id).anyMatch(id::equals);
    }
}
