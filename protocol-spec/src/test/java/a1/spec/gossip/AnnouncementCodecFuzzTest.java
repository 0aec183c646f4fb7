package a1.spec.gossip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import a1.spec.testdata.Refusals;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as a gossip announcement: a GossipException naming the problem, or an announcement that encodes back to
 * the same bytes and whose signature check (over a hostile key and signature) answers without throwing.
 */
class AnnouncementCodecFuzzTest {
    @FuzzTest
    @Timeout(10)
    void decodesOrRefuses(byte[] input) {
        Announcement a;
        try {
            a = AnnouncementCodec.decode(input);
        } catch (GossipException e) {
            Refusals.assertOneLine(e);
            return;
        }
        assertArrayEquals(input, AnnouncementCodec.encode(a));
        a.signatureValid();
    }
}
