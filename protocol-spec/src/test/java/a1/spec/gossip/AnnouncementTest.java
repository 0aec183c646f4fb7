package a1.spec.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.model.LayerRange;
import a1.spec.sign.SigningKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnnouncementTest {
    private final SigningKey key = SigningKey.generate(new SecureRandom());

    private Announcement sample() {
        return Announcement.sign(key.publicKey(), "127.0.0.1", 4242, "sha256:00ff", new LayerRange(2, 4), 123.5f, 3, 17, 1_800_000_000_000L, key::sign);
    }

    @Test
    void roundTripsAndVerifies() {
        Announcement a = sample();
        assertTrue(a.signatureValid());
        Announcement back = AnnouncementCodec.decode(AnnouncementCodec.encode(a));
        assertEquals(a, back);
        assertTrue(back.signatureValid());
    }

    @Test
    void peerIdIsTheSha256OfTheKey() throws Exception {
        String expected = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(key.publicKey()));
        assertEquals(expected, sample().peerId());
    }

    @Test
    void everyChangedByteBreaksTheSignatureOrTheDecoding() {
        byte[] bytes = AnnouncementCodec.encode(sample());
        for (int i = 0; i < bytes.length; i++) {
            byte[] b = bytes.clone();
            b[i] ^= 0x01;
            try {
                assertFalse(AnnouncementCodec.decode(b).signatureValid(), "byte " + i + " changed");
            } catch (GossipException e) {
                // malformed after the change: refused as well
            }
        }
    }

    @Test
    void truncatedOrPaddedBytesAreRefused() {
        byte[] bytes = AnnouncementCodec.encode(sample());
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = Arrays.copyOf(bytes, n);
            assertThrows(GossipException.class, () -> AnnouncementCodec.decode(cut));
        }
        assertThrows(GossipException.class, () -> AnnouncementCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)));
    }

    @Test
    void randomMutationsDecodeOrThrowGossipException() {
        Random r = new Random(7);
        byte[] bytes = AnnouncementCodec.encode(sample());
        for (int i = 0; i < 5_000; i++) {
            byte[] b = bytes.clone();
            for (int e = 0; e < 1 + r.nextInt(3); e++) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            try {
                Announcement a = AnnouncementCodec.decode(b);
                assertEquals(a, AnnouncementCodec.decode(AnnouncementCodec.encode(a)));
            } catch (GossipException e) {
                // refused with the codec's own exception
            }
        }
    }

    @Test
    void peerKeyIsSha1OfThePrefixedModelId() throws Exception {
        byte[] expected = java.security.MessageDigest.getInstance("SHA-1").digest("a1-peers:m".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(PeerKey.forModel("m")));
    }
}
