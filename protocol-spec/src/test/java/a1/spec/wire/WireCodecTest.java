package a1.spec.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.model.LayerRange;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireCodecTest {

    static Stream<Message> everyMessage() {
        byte[] key = filled(32, 7), challenge = filled(32, 9), sig = filled(64, 3);
        float[] x = {1.5f, -2.25f, 3e-8f, 65504f, -0f, 1f / 3, Float.MIN_NORMAL, 123456.789f};
        return Stream.of(
                new Message.Hello(key, challenge),
                new Message.Proof(sig),
                new Message.Open(-42L, "sha256:abc", new LayerRange(2, 4), 77, Encoding.F32, CacheType.F16),
                new Message.Open(1L, "modèle", new LayerRange(0, 65535), 1, Encoding.BF16, CacheType.F32),
                new Message.Opened(Long.MAX_VALUE),
                new Message.Forward(5L, 0, new Activations(Encoding.F32, 2, 4, x)),
                new Message.Forward(5L, 9, new Activations(Encoding.F16, 4, 2, x)),
                new Message.Result(5L, 9, new Activations(Encoding.BF16, 1, 8, x)),
                new Message.Close(Long.MIN_VALUE),
                new Message.Error(3L, ErrorCode.BUSY, "too many sessions"),
                new Message.Error(0L, ErrorCode.INTERNAL, ""),
                new Message.Error(0L, 4242, "a code from a newer peer"),
                new Message.Gossip(List.of()),
                new Message.Gossip(List.of(filled(3, 1), filled(200, 2))));
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void everyMessageRoundTrips(Message m) {
        byte[] bytes = WireCodec.encode(m);
        assertEquals(WireCodec.VERSION, bytes[0]);
        assertEquals(m.type().id, bytes[1]);
        assertEquals(m, WireCodec.decode(bytes));
        assertArrayEquals(bytes, WireCodec.encode(WireCodec.decode(bytes)));
    }

    @Test
    void f32ActivationsTravelExactlyAndF16RoundsLikeTheJdk() {
        float[] x = {0.1f, 1e-7f, 70000f, -3.14159f};
        Activations f32 = ((Message.Forward) WireCodec.decode(WireCodec.encode(new Message.Forward(1, 0, new Activations(Encoding.F32, 1, 4, x))))).activations();
        assertArrayEquals(x, f32.values());
        Activations f16 = ((Message.Forward) WireCodec.decode(WireCodec.encode(new Message.Forward(1, 0, new Activations(Encoding.F16, 1, 4, x))))).activations();
        for (int i = 0; i < x.length; i++) assertEquals(Float.float16ToFloat(Float.floatToFloat16(x[i])), f16.values()[i]);
    }

    @Test
    void bf16RoundsToNearestEven() {
        // 1 + 2^-8 lies exactly between two BF16 values (1 and 1 + 2^-7): ties go to the even mantissa, 1.
        assertEquals(1f, Encoding.BF16.round(1f + 0x1p-8f));
        // 1 + 3 * 2^-8 lies between 1 + 2^-7 and 1 + 2^-6: ties to even gives 1 + 2^-6.
        assertEquals(1f + 0x1p-6f, Encoding.BF16.round(1f + 3 * 0x1p-8f));
        assertTrue(Float.isNaN(Encoding.BF16.round(Float.NaN)));
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void everyTruncationIsRefused(Message m) {
        byte[] bytes = WireCodec.encode(m);
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = Arrays.copyOf(bytes, n);
            assertThrows(WireException.class, () -> WireCodec.decode(cut), m + " cut to " + n);
        }
    }

    @Test
    void unknownTypeVersionAndTrailingBytesAreRefused() {
        assertTrue(assertThrows(WireException.class, () -> WireCodec.decode(new byte[] {1, 99, 0})).getMessage().contains("unknown message type 99"));
        assertTrue(assertThrows(WireException.class, () -> WireCodec.decode(new byte[] {2, 4, 0, 0, 0, 0, 0, 0, 0, 1})).getMessage().contains("version 2"));
        byte[] close = WireCodec.encode(new Message.Close(1));
        byte[] longer = Arrays.copyOf(close, close.length + 1);
        assertTrue(assertThrows(WireException.class, () -> WireCodec.decode(longer)).getMessage().contains("after its body"));
    }

    @Test
    void activationLengthsThatDisagreeWithTheShapeAreRefused() {
        // FORWARD, session 1, position 0, 1000000 x 65536 F32: claims 256 GB, carries 4 bytes.
        byte[] huge = ByteBuffer.allocate(2 + 8 + 4 + 9 + 4).put((byte) 1).put((byte) 5).putLong(1).putInt(0)
                .putInt(1_000_000).putInt(65536).put((byte) 0).putFloat(1f).array();
        assertTrue(assertThrows(WireException.class, () -> WireCodec.decode(huge)).getMessage().contains("need"));
        byte[] negative = ByteBuffer.allocate(2 + 8 + 4 + 9).put((byte) 1).put((byte) 5).putLong(1).putInt(0)
                .putInt(-1).putInt(4).put((byte) 0).array();
        assertThrows(WireException.class, () -> WireCodec.decode(negative));
        byte[] badEncoding = ByteBuffer.allocate(2 + 8 + 4 + 9 + 4).put((byte) 1).put((byte) 5).putLong(1).putInt(0)
                .putInt(1).putInt(1).put((byte) 9).putFloat(1f).array();
        assertTrue(assertThrows(WireException.class, () -> WireCodec.decode(badEncoding)).getMessage().contains("encoding 9"));
    }

    @Test
    void badStringsAndRangesAreRefused() {
        byte[] open = WireCodec.encode(new Message.Open(1, "m", new LayerRange(2, 4), 8, Encoding.F32, CacheType.F16));
        byte[] badUtf8 = open.clone();
        badUtf8[2 + 8 + 2] = (byte) 0xFF; // the model id's only byte
        assertTrue(assertThrows(WireException.class, () -> WireCodec.decode(badUtf8)).getMessage().contains("UTF-8"));
        byte[] emptyRange = open.clone();
        emptyRange[2 + 8 + 3 + 3] = 2; // end = start
        assertTrue(assertThrows(WireException.class, () -> WireCodec.decode(emptyRange)).getMessage().contains("layer range"));
        byte[] longId = ByteBuffer.allocate(open.length).put(open).putShort(10, (short) 5000).array();
        assertTrue(assertThrows(WireException.class, () -> WireCodec.decode(longId)).getMessage().contains("exceeds"));
    }

    @Test
    void recordsRefuseBadFields() {
        assertThrows(WireException.class, () -> new Message.Hello(new byte[31], new byte[32]));
        assertThrows(WireException.class, () -> new Message.Open(1, "", new LayerRange(0, 1), 1, Encoding.F32, CacheType.F16));
        assertThrows(WireException.class, () -> new Message.Open(1, "m", new LayerRange(0, 1), 0, Encoding.F32, CacheType.F16));
        assertThrows(WireException.class, () -> new Activations(Encoding.F32, 2, 2, new float[3]));
        assertThrows(WireException.class, () -> new Message.Forward(1, -1, new Activations(Encoding.F32, 1, 1, new float[1])));
        assertThrows(WireException.class, () -> new Message.Error(1, ErrorCode.OTHER, "x".repeat(1025)));
    }

    /** Seeded random mutations of valid frames: decoding returns a message or throws WireException, nothing else. */
    @Test
    void randomMutationsGiveAMessageOrAWireException() {
        Random random = new Random(20261126);
        List<byte[]> seeds = everyMessage().map(WireCodec::encode).toList();
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                switch (random.nextInt(3)) {
                    case 0 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                    case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1));
                    default -> b = Arrays.copyOf(b, b.length + 1 + random.nextInt(8));
                }
                if (b.length == 0) break;
            }
            byte[] frame = b;
            try {
                Message m = WireCodec.decode(frame);
                // Equal up to NaN payloads (F16 signalling NaNs are quieted on the way through a float).
                assertEquals(m, WireCodec.decode(WireCodec.encode(m)), "a decoded message survives a second round trip");
            } catch (WireException e) {
                refused++;
            }
        }
        assertTrue(refused > 10_000, "most mutations are malformed: " + refused);
    }

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }
}
