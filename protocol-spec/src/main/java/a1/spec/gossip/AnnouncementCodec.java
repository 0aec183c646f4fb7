package a1.spec.gossip;

import a1.spec.Utf8;
import a1.spec.model.LayerRange;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Announcements to and from bytes, big-endian: key(32) host(u16 len + UTF-8) port(u16) model id(u16 len + UTF-8)
 * layer start(u16) layer end(u16, exclusive) throughput(f32) load(u32) sequence(u64) expiry(u64 ms) signature(64).
 */
public final class AnnouncementCodec {
    private AnnouncementCodec() {}

    public static byte[] encode(Announcement a) {
        byte[] head = body(a);
        return ByteBuffer.allocate(head.length + 64).put(head).put(a.signature()).array();
    }

    static byte[] signedPart(Announcement a) {
        byte[] head = body(a);
        return ByteBuffer.allocate(Announcement.DOMAIN.length + head.length).put(Announcement.DOMAIN).put(head).array();
    }

    private static byte[] body(Announcement a) {
        byte[] host = a.host().getBytes(StandardCharsets.UTF_8);
        byte[] model = a.modelId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(32 + 2 + host.length + 2 + 2 + model.length + 4 + 4 + 4 + 8 + 8);
        b.put(a.publicKey()).putShort((short) host.length).put(host).putShort((short) a.port());
        b.putShort((short) model.length).put(model).putShort((short) a.layers().start()).putShort((short) a.layers().end());
        b.putFloat(a.throughput()).putInt(a.load()).putLong(a.sequence()).putLong(a.expiresAtMillis());
        return b.array();
    }

    /** Decodes one announcement (without checking its signature); malformed bytes give a {@link GossipException}. */
    public static Announcement decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            byte[] key = new byte[32];
            b.get(key);
            String host = string(b, Announcement.MAX_HOST_BYTES);
            int port = b.getShort() & 0xFFFF;
            String model = string(b, Announcement.MAX_MODEL_ID_BYTES);
            int start = b.getShort() & 0xFFFF, end = b.getShort() & 0xFFFF;
            if (end <= start) throw new GossipException("bad layer range [" + start + ", " + end + ")");
            float throughput = b.getFloat();
            int load = b.getInt();
            long sequence = b.getLong(), expires = b.getLong();
            byte[] sig = new byte[64];
            b.get(sig);
            if (b.hasRemaining()) throw new GossipException("announcement has " + b.remaining() + " bytes after its signature");
            return new Announcement(key, host, port, model, new LayerRange(start, end), throughput, load, sequence, expires, sig);
        } catch (BufferUnderflowException e) {
            throw new GossipException("announcement of " + bytes.length + " bytes is truncated");
        }
    }

    private static String string(ByteBuffer b, int max) {
        return Utf8.readU16(b, max, GossipException::new);
    }
}
