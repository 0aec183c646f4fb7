package a1.spec.gossip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.model.LayerRange;
import a1.spec.sign.SigningKey;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AccusationTest {
    private static final String ACCUSED = "ab".repeat(32);
    private static final String WITNESS = "cd".repeat(32);
    private final SigningKey key = SigningKey.generate(new SecureRandom());

    private Accusation sample() {
        return Accusation.sign(key.publicKey(), ACCUSED, "sha256:00ff", new LayerRange(2, 4), 11, 1,
                Accusation.digest(new float[] {1, 2}), Accusation.digest(new float[] {3}), Accusation.digest(new float[] {4}),
                List.of(WITNESS), 1_800_000_000_000L, key::sign);
    }

    @Test
    void roundTripsAndVerifies() {
        Accusation a = sample();
        assertTrue(a.signatureValid());
        byte[] bytes = AccusationCodec.encode(a);
        assertTrue(AccusationCodec.isAccusation(bytes));
        Accusation back = AccusationCodec.decode(bytes);
        assertEquals(a, back);
        assertTrue(back.signatureValid());
        assertEquals(List.of(WITNESS), back.witnesses());
    }

    @Test
    void digestIsSha256OfBigEndianBinary32() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(new byte[] {0x3f, (byte) 0x80, 0, 0, (byte) 0xc0, 0, 0, 0});
        assertArrayEquals(expected, Accusation.digest(new float[] {1f, -2f}));
    }

    @Test
    void everyChangedByteBreaksTheSignatureOrTheDecoding() {
        byte[] bytes = AccusationCodec.encode(sample());
        for (int i = 0; i < bytes.length; i++) {
            byte[] b = bytes.clone();
            b[i] ^= 0x01;
            try {
                assertFalse(AccusationCodec.decode(b).signatureValid(), "byte " + i + " changed");
            } catch (GossipException e) {
                // malformed after the change: refused as well
            }
        }
    }

    @Test
    void truncatedOrPaddedBytesAreRefused() {
        byte[] bytes = AccusationCodec.encode(sample());
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = Arrays.copyOf(bytes, n);
            assertThrows(GossipException.class, () -> AccusationCodec.decode(cut));
        }
        assertThrows(GossipException.class, () -> AccusationCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)));
    }

    @Test
    void randomMutationsDecodeOrThrowGossipException() {
        Random r = new Random(11);
        byte[] bytes = AccusationCodec.encode(sample());
        for (int i = 0; i < 5_000; i++) {
            byte[] b = bytes.clone();
            for (int e = 0; e < 1 + r.nextInt(3); e++) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            try {
                Accusation a = AccusationCodec.decode(b);
                assertEquals(a, AccusationCodec.decode(AccusationCodec.encode(a)));
            } catch (GossipException e) {
                // refused with the codec's own exception
            }
        }
    }

    @Test
    void anAnnouncementIsNotTakenForAnAccusation() {
        Announcement a = Announcement.sign(key.publicKey(), "127.0.0.1", 1, "m", new LayerRange(0, 1), 1, 0, 1, 2, key::sign);
        assertFalse(AccusationCodec.isAccusation(AnnouncementCodec.encode(a)));
        assertThrows(GossipException.class, () -> AccusationCodec.decode(AnnouncementCodec.encode(a)));
    }

    @Test
    void sameClaimedAndExpectedOutputIsNoAccusation() {
        byte[] d = Accusation.digest(new float[] {1});
        assertThrows(GossipException.class, () -> Accusation.sign(key.publicKey(), ACCUSED, "m", new LayerRange(0, 1), 0, 1, d, d, d, List.of(), 0, key::sign));
    }
}
