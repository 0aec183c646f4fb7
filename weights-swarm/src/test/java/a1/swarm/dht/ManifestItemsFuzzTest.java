package a1.swarm.dht;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.dht.id.NodeId;
import a1.spec.testdata.Refusals;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Any DHT item value, read as the two things DhtDiscovery reads from strangers before any signature can be checked:
 * a model's index item (which re-encodes to the same bytes) and an interior manifest-tree node (one key per 20
 * bytes). Anything else is an IllegalArgumentException naming the problem.
 */
class ManifestItemsFuzzTest {
    @FuzzTest
    @Timeout(10)
    void decodesOrRefuses(byte[] value) {
        try {
            assertArrayEquals(value, ManifestIndex.decode(value).encode());
        } catch (IllegalArgumentException e) {
            Refusals.assertOneLine(e);
        }
        try {
            List<NodeId> keys = ManifestTree.children(value);
            assertEquals(value.length / NodeId.LENGTH, keys.size());
        } catch (IllegalArgumentException e) {
            Refusals.assertOneLine(e);
        }
    }
}
