package a1.spec.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.bencode.BDict;
import a1.spec.bencode.BString;
import a1.spec.bencode.Bencode;
import a1.spec.manifest.ManifestCodec;
import a1.spec.manifest.ManifestException;
import a1.spec.manifest.Manifests;
import a1.spec.manifest.ModelId;
import a1.spec.manifest.ModelManifest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Signed manifests verify; forged, re-signed or mutated ones never decode. */
class SignedManifestTest {
    private final SigningKey key = SigningKey.generate(new SecureRandom());
    private final ModelManifest manifest = Manifests.tiny(key.publicKey());

    @Test
    void signedManifestRoundTripsAndPinsItsId() throws Exception {
        SignedManifest s = SignedManifest.sign(manifest, key);
        SignedManifest back = SignedManifest.decode(s.encode(), s.modelId());
        assertEquals(manifest, back.manifest());
        assertEquals(ModelId.of(ManifestCodec.encode(manifest)), back.modelId());
        assertArrayEquals(s.encode(), back.encode());
    }

    @Test
    void signatureByAnotherKeyIsRejected() {
        SigningKey mallory = SigningKey.generate(new SecureRandom());
        byte[] bytes = ManifestCodec.encode(manifest);
        byte[] forgedSignature = mallory.sign(("a1-manifest-v1\0" + new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        byte[] forged = Bencode.encode(BDict.of(Map.of("manifest", new BString(bytes), "signature", new BString(forgedSignature))));
        ManifestException e = assertThrows(ManifestException.class, () -> SignedManifest.decode(forged));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SignedManifest.sign(manifest, mallory));
    }

    @Test
    void expectedModelIdMismatchIsRejected() {
        SignedManifest s = SignedManifest.sign(manifest, key);
        ManifestException e = assertThrows(ManifestException.class, () -> SignedManifest.decode(s.encode(), ModelId.of(new byte[] {1})));
        assertTrue(e.getMessage().contains("model id"), e.getMessage());
    }

    /** Property: no random mutation of a valid signed manifest decodes, and each fails with a ManifestException. */
    @Test
    void randomMutationsNeverDecode() {
        byte[] good = SignedManifest.sign(manifest, key).encode();
        Random rnd = new Random(0xA1);
        for (int i = 0; i < 3000; i++) {
            byte[] bad = mutate(good, rnd);
            if (java.util.Arrays.equals(bad, good)) continue;
            int n = i;
            assertThrows(ManifestException.class, () -> SignedManifest.decode(bad), () -> "mutation " + n);
        }
    }

    private static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        return switch (rnd.nextInt(4)) {
            case 0 -> {
                b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
                yield b;
            }
            case 1 -> java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            case 2 -> {
                int at = rnd.nextInt(b.length);
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = (byte) "0123456789ield:".charAt(rnd.nextInt(15));
                System.arraycopy(b, at, out, at + 1, b.length - at);
                yield out;
            }
            default -> {
                for (int k = 0; k < 8; k++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                yield b;
            }
        };
    }
}
