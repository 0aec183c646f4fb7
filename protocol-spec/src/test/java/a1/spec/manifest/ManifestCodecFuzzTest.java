package a1.spec.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import a1.spec.testdata.Refusals;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/** Any bytes as a manifest: a ManifestException naming the problem, or a manifest that encodes back to them. */
class ManifestCodecFuzzTest {
    @FuzzTest
    @Timeout(10)
    void decodesCanonicalOrRefuses(byte[] input) {
        ModelManifest m;
        try {
            m = ManifestCodec.decode(input);
        } catch (ManifestException e) {
            Refusals.assertOneLine(e);
            return;
        }
        assertArrayEquals(input, ManifestCodec.encode(m));
    }
}
