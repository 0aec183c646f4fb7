package a1.spec.bencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import a1.spec.testdata.Refusals;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/** Any bytes: canonical bencoding decodes and re-encodes to the same bytes, anything else is a BencodeException. */
class BencodeFuzzTest {
    @FuzzTest
    @Timeout(10)
    void decodesCanonicalOrRefuses(byte[] input) {
        BValue v;
        try {
            v = Bencode.decode(input);
        } catch (BencodeException e) {
            Refusals.assertOneLine(e);
            return;
        }
        assertArrayEquals(input, Bencode.encode(v));
    }
}
