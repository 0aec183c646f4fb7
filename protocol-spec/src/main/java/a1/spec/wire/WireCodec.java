package a1.spec.wire;

import a1.spec.Utf8;
import a1.spec.model.LayerRange;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Messages to and from frame payloads (SPEC.md section 10, "Frames"): a version byte, a type byte and the body,
 * big-endian. Pure functions over byte arrays; {@link #decode} throws {@link WireException} for anything malformed
 * and never allocates more than the payload it was given implies.
 */
public final class WireCodec {
    public static final int VERSION = 1;
    /** Default largest payload: 64 MiB holds a 2048-token batch of 8192-wide F32 activations. */
    public static final int DEFAULT_MAX_PAYLOAD = 64 << 20;

    private WireCodec() {}

    public static byte[] encode(Message m) {
        ByteBuffer b = ByteBuffer.allocate(2 + bodySize(m));
        b.put((byte) VERSION).put((byte) m.type().id);
        switch (m) {
            case Message.Hello h -> b.put(h.publicKey()).put(h.challenge());
            case Message.Proof p -> b.put(p.signature());
            case Message.Open o -> {
                b.putLong(o.sessionId());
                putString(b, o.modelId());
                b.putShort((short) o.layers().start()).putShort((short) o.layers().end());
                b.putInt(o.maxLength()).put((byte) o.encoding().id).put((byte) o.cache().id);
            }
            case Message.Opened o -> b.putLong(o.sessionId());
            case Message.Forward f -> putActivations(b.putLong(f.sessionId()).putInt(f.startPos()), f.activations());
            case Message.Result r -> putActivations(b.putLong(r.sessionId()).putInt(r.startPos()), r.activations());
            case Message.Close c -> b.putLong(c.sessionId());
            case Message.Error e -> {
                b.putLong(e.sessionId()).putShort((short) e.code());
                putString(b, e.message());
            }
            case Message.Gossip g -> {
                b.putShort((short) g.announcements().size());
                for (byte[] a : g.announcements()) b.putShort((short) a.length).put(a);
            }
        }
        return b.array();
    }

    public static Message decode(byte[] payload) {
        if (payload.length < 2) throw new WireException("frame of " + payload.length + " bytes is too short for a header");
        ByteBuffer b = ByteBuffer.wrap(payload);
        int version = b.get() & 0xFF;
        if (version != VERSION) throw new WireException("unsupported wire version " + version + " (this peer speaks " + VERSION + ")");
        MessageType type = MessageType.valueOf(b.get() & 0xFF);
        try {
            Message m = switch (type) {
                case HELLO -> new Message.Hello(bytes(b, Message.KEY_BYTES), bytes(b, Message.CHALLENGE_BYTES));
                case PROOF -> new Message.Proof(bytes(b, Message.SIGNATURE_BYTES));
                case OPEN -> new Message.Open(b.getLong(), getString(b, Message.MAX_MODEL_ID_BYTES), range(b.getShort() & 0xFFFF, b.getShort() & 0xFFFF),
                        b.getInt(), Encoding.valueOf(b.get() & 0xFF), CacheType.valueOf(b.get() & 0xFF));
                case OPENED -> new Message.Opened(b.getLong());
                case FORWARD -> new Message.Forward(b.getLong(), b.getInt(), getActivations(b));
                case RESULT -> new Message.Result(b.getLong(), b.getInt(), getActivations(b));
                case CLOSE -> new Message.Close(b.getLong());
                case ERROR -> new Message.Error(b.getLong(), b.getShort() & 0xFFFF, getString(b, Message.MAX_ERROR_BYTES));
                case GOSSIP -> gossip(b);
            };
            if (b.hasRemaining()) throw new WireException(type + " frame has " + b.remaining() + " bytes after its body");
            return m;
        } catch (BufferUnderflowException e) {
            throw new WireException(type + " frame of " + payload.length + " bytes is truncated");
        }
    }

    private static int bodySize(Message m) {
        return switch (m) {
            case Message.Hello h -> Message.KEY_BYTES + Message.CHALLENGE_BYTES;
            case Message.Proof p -> Message.SIGNATURE_BYTES;
            case Message.Open o -> 8 + 2 + utf8(o.modelId()).length + 4 + 4 + 2;
            case Message.Opened o -> 8;
            case Message.Forward f -> 12 + 9 + f.activations().byteSize();
            case Message.Result r -> 12 + 9 + r.activations().byteSize();
            case Message.Close c -> 8;
            case Message.Error e -> 8 + 2 + 2 + utf8(e.message()).length;
            case Message.Gossip g -> 2 + g.announcements().stream().mapToInt(a -> 2 + a.length).sum();
        };
    }

    private static void putActivations(ByteBuffer b, Activations a) {
        b.putInt(a.tokens()).putInt(a.width()).put((byte) a.encoding().id);
        float[] v = a.values();
        switch (a.encoding()) {
            case F32 -> b.asFloatBuffer().put(v);
            case F16 -> {
                for (float x : v) b.putShort(Float.floatToFloat16(x));
            }
            case BF16 -> {
                for (float x : v) b.putShort((short) Encoding.bf16Bits(x));
            }
        }
        if (a.encoding() == Encoding.F32) b.position(b.position() + 4 * v.length);
    }

    private static Activations getActivations(ByteBuffer b) {
        int tokens = b.getInt();
        int width = b.getInt();
        Encoding enc = Encoding.valueOf(b.get() & 0xFF);
        if (tokens <= 0 || width <= 0 || width > Activations.MAX_WIDTH) throw new WireException("bad activation shape " + Integer.toUnsignedString(tokens) + " x " + Integer.toUnsignedString(width));
        long bytes = (long) tokens * width * enc.bytesPerValue;
        if (bytes != b.remaining()) throw new WireException("activations of " + tokens + " x " + width + " " + enc + " need " + bytes + " bytes, the frame has " + b.remaining());
        float[] v = new float[tokens * width];
        switch (enc) {
            case F32 -> b.asFloatBuffer().get(v);
            case F16 -> {
                for (int i = 0; i < v.length; i++) v[i] = Float.float16ToFloat(b.getShort());
            }
            case BF16 -> {
                for (int i = 0; i < v.length; i++) v[i] = Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
            }
        }
        if (enc == Encoding.F32) b.position(b.position() + 4 * v.length);
        return new Activations(enc, tokens, width, v);
    }

    private static Message.Gossip gossip(ByteBuffer b) {
        int n = b.getShort() & 0xFFFF;
        if (n > Message.Gossip.MAX_ANNOUNCEMENTS) throw new WireException("gossip of " + n + " announcements exceeds " + Message.Gossip.MAX_ANNOUNCEMENTS);
        java.util.List<byte[]> list = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = b.getShort() & 0xFFFF;
            if (len > b.remaining()) throw new BufferUnderflowException();
            list.add(bytes(b, len));
        }
        return new Message.Gossip(list);
    }

    private static LayerRange range(int start, int end) {
        if (end <= start) throw new WireException("bad layer range [" + start + ", " + end + ")");
        return new LayerRange(start, end);
    }

    private static byte[] bytes(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    private static void putString(ByteBuffer b, String s) {
        byte[] u = utf8(s);
        b.putShort((short) u.length).put(u);
    }

    private static String getString(ByteBuffer b, int max) {
        return Utf8.readU16(b, max, WireException::new);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
