package a1.spec.gossip;

import a1.spec.Utf8;
import a1.spec.model.LayerRange;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Accusations to and from bytes, big-endian: tag "a1-acc-1"(8) reporter key(32) accused id(32) model id(u16 len +
 * UTF-8) layer start(u16) layer end(u16, exclusive) start position(u32) tokens(u32) input digest(32) claimed
 * digest(32) expected digest(32) witnesses(u8 count, 0..4, then 32 each) reported at(u64 ms) signature(64). The tag
 * lets a GOSSIP entry be told from an announcement, whose first bytes are a public key.
 */
public final class AccusationCodec {
    static final byte[] TAG = "a1-acc-1".getBytes(StandardCharsets.US_ASCII);

    private AccusationCodec() {}

    /** True when {@code entry} (a GOSSIP list entry) starts with the accusation tag. */
    public static boolean isAccusation(byte[] entry) {
        return entry.length >= TAG.length && Arrays.equals(entry, 0, TAG.length, TAG, 0, TAG.length);
    }

    public static byte[] encode(Accusation a) {
        byte[] head = body(a);
        return ByteBuffer.allocate(head.length + 64).put(head).put(a.signature()).array();
    }

    static byte[] signedPart(Accusation a) {
        byte[] head = body(a);
        return ByteBuffer.allocate(Accusation.DOMAIN.length + head.length).put(Accusation.DOMAIN).put(head).array();
    }

    private static byte[] body(Accusation a) {
        byte[] model = a.modelId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(TAG.length + 32 + 32 + 2 + model.length + 4 + 8 + 96 + 1 + 32 * a.witnesses().size() + 8);
        b.put(TAG).put(a.reporterKey()).put(HexFormat.of().parseHex(a.accusedId()));
        b.putShort((short) model.length).put(model).putShort((short) a.layers().start()).putShort((short) a.layers().end());
        b.putInt(a.startPos()).putInt(a.tokens()).put(a.inputDigest()).put(a.claimedDigest()).put(a.expectedDigest());
        b.put((byte) a.witnesses().size());
        for (String w : a.witnesses()) b.put(HexFormat.of().parseHex(w));
        return b.putLong(a.reportedAtMillis()).array();
    }

    /** Decodes one accusation (without checking its signature); malformed bytes give a {@link GossipException}. */
    public static Accusation decode(byte[] bytes) {
        if (!isAccusation(bytes)) throw new GossipException("not an accusation: the tag is missing");
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.position(TAG.length);
        try {
            byte[] key = bytes(b, 32);
            String accused = HexFormat.of().formatHex(bytes(b, 32));
            String model = string(b, Announcement.MAX_MODEL_ID_BYTES);
            int start = b.getShort() & 0xFFFF, end = b.getShort() & 0xFFFF;
            if (end <= start) throw new GossipException("bad layer range [" + start + ", " + end + ")");
            int startPos = b.getInt(), tokens = b.getInt();
            byte[] input = bytes(b, 32), claimed = bytes(b, 32), expected = bytes(b, 32);
            int n = b.get() & 0xFF;
            if (n > Accusation.MAX_WITNESSES) throw new GossipException(n + " witnesses exceed " + Accusation.MAX_WITNESSES);
            List<String> witnesses = new ArrayList<>(n);
            for (int i = 0; i < n; i++) witnesses.add(HexFormat.of().formatHex(bytes(b, 32)));
            long at = b.getLong();
            byte[] sig = bytes(b, 64);
            if (b.hasRemaining()) throw new GossipException("accusation has " + b.remaining() + " bytes after its signature");
            return new Accusation(key, accused, model, new LayerRange(start, end), startPos, tokens, input, claimed, expected, witnesses, at, sig);
        } catch (BufferUnderflowException e) {
            throw new GossipException("accusation of " + bytes.length + " bytes is truncated");
        }
    }

    private static byte[] bytes(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    private static String string(ByteBuffer b, int max) {
        return Utf8.readU16(b, max, GossipException::new);
    }
}
