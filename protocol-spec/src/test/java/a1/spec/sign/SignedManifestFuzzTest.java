package a1.spec.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import a1.spec.manifest.ManifestException;
import a1.spec.testdata.Refusals;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as a signed manifest: a ManifestException naming the problem (malformed, or a signature that does not
 * verify, including hostile keys and signatures), or a signed manifest that encodes back to them.
 */
class SignedManifestFuzzTest {
    @FuzzTest
    @Timeout(10)
    void verifiesOrRefuses(byte[] input) {
        SignedManifest s;
        try {
            s = SignedManifest.decode(input);
        } catch (ManifestException e) {
            Refusals.assertOneLine(e);
            return;
        }
        assertArrayEquals(input, s.encode());
    }
}
