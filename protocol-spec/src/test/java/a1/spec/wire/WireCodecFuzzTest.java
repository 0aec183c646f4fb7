package a1.spec.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.spec.sign.Ed25519;
import a1.spec.testdata.Refusals;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as a relay frame payload: a WireException naming the problem, or a message that re-encodes to a frame
 * decoding to the same message. Handshake frames also go through proof checking: a hostile key or signature is a
 * check that answers, never an exception.
 */
class WireCodecFuzzTest {
    private static final byte[] SOME_ID = new byte[32];

    @FuzzTest
    @Timeout(10)
    void decodesOrRefuses(byte[] input) {
        Message m;
        try {
            m = WireCodec.decode(input);
        } catch (WireException e) {
            Refusals.assertOneLine(e);
            return;
        }
        byte[] again = WireCodec.encode(m);
        assertEquals(m, WireCodec.decode(again));
        assertArrayEquals(again, WireCodec.encode(WireCodec.decode(again)));
        byte[] transcript = Handshake.transcript(SOME_ID, SOME_ID, SOME_ID, new byte[Handshake.BINDING_BYTES]);
        switch (m) {
            case Message.Hello h -> Ed25519.verify(h.publicKey(), transcript, new byte[Message.SIGNATURE_BYTES]);
            case Message.Proof p -> Ed25519.verify(SOME_ID, transcript, p.signature());
            default -> { }
        }
    }
}
