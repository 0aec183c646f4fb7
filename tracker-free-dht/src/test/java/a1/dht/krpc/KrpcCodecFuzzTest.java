package a1.dht.krpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import a1.spec.testdata.Refusals;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Any datagram: a KrpcException naming the problem (with the transaction id when one was readable), or a message
 * whose encoding decodes and re-encodes to the same bytes.
 */
class KrpcCodecFuzzTest {
    @FuzzTest
    @Timeout(10)
    void decodesOrRefuses(byte[] datagram) {
        KrpcMessage m;
        try {
            m = KrpcCodec.decode(datagram);
        } catch (KrpcException e) {
            Refusals.assertOneLine(e);
            return;
        }
        byte[] wire = KrpcCodec.encode(m);
        assertArrayEquals(wire, KrpcCodec.encode(KrpcCodec.decode(wire)));
    }
}
