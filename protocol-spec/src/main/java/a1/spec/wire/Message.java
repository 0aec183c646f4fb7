package a1.spec.wire;

import a1.spec.model.LayerRange;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** Every relay message (SPEC.md section 10, "Messages"). Each record checks its fields when it is built. */
public sealed interface Message {
    int KEY_BYTES = 32;
    int CHALLENGE_BYTES = 32;
    int SIGNATURE_BYTES = 64;
    int MAX_MODEL_ID_BYTES = 128;
    int MAX_ERROR_BYTES = 1024;
    /** Largest layer index a range may reach; wider models do not exist. */
    int MAX_LAYERS = 65535;

    MessageType type();

    /** First handshake message: the sender's public key and a fresh random challenge for the other side. */
    record Hello(byte[] publicKey, byte[] challenge) implements Message {
        public Hello {
            publicKey = exact(publicKey, KEY_BYTES, "public key");
            challenge = exact(challenge, CHALLENGE_BYTES, "challenge");
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public byte[] challenge() {
            return challenge.clone();
        }

        public MessageType type() {
            return MessageType.HELLO;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hello h && Arrays.equals(publicKey, h.publicKey) && Arrays.equals(challenge, h.challenge);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(publicKey) + Arrays.hashCode(challenge);
        }

        @Override
        public String toString() {
            return "Hello(" + HexFormat.of().formatHex(publicKey) + ")";
        }
    }

    /** Second handshake message: the signature of {@link Handshake#transcript} over the other side's challenge. */
    record Proof(byte[] signature) implements Message {
        public Proof {
            signature = exact(signature, SIGNATURE_BYTES, "signature");
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        public MessageType type() {
            return MessageType.PROOF;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Proof p && Arrays.equals(signature, p.signature);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(signature);
        }

        @Override
        public String toString() {
            return "Proof";
        }
    }

    /** Opens a session for {@code layers} of {@code modelId}, holding up to {@code maxLength} positions. */
    record Open(long sessionId, String modelId, LayerRange layers, int maxLength, Encoding encoding, CacheType cache) implements Message {
        public Open {
            if (modelId == null || modelId.isEmpty() || modelId.getBytes(StandardCharsets.UTF_8).length > MAX_MODEL_ID_BYTES) {
                throw new WireException("model id must be 1.." + MAX_MODEL_ID_BYTES + " bytes of UTF-8");
            }
            if (layers == null || layers.end() > MAX_LAYERS) throw new WireException("layer range " + layers + " is out of bounds");
            if (maxLength <= 0) throw new WireException("max length must be positive, not " + maxLength);
            if (encoding == null || cache == null) throw new WireException("encoding and cache type are required");
        }

        public MessageType type() {
            return MessageType.OPEN;
        }
    }

    /** The peer accepted an {@link Open}. */
    record Opened(long sessionId) implements Message {
        public MessageType type() {
            return MessageType.OPENED;
        }
    }

    /** Activations for positions {@code startPos .. startPos+tokens-1} going into the session's layers. */
    record Forward(long sessionId, int startPos, Activations activations) implements Message {
        public Forward {
            if (startPos < 0) throw new WireException("start position must not be negative, not " + startPos);
            if (activations == null) throw new WireException("activations are required");
        }

        public MessageType type() {
            return MessageType.FORWARD;
        }
    }

    /** The session's layers' output for the positions of the {@link Forward} it answers. */
    record Result(long sessionId, int startPos, Activations activations) implements Message {
        public Result {
            if (startPos < 0) throw new WireException("start position must not be negative, not " + startPos);
            if (activations == null) throw new WireException("activations are required");
        }

        public MessageType type() {
            return MessageType.RESULT;
        }
    }

    /** Frees the session's KV cache. Not answered. */
    record Close(long sessionId) implements Message {
        public MessageType type() {
            return MessageType.CLOSE;
        }
    }

    /**
     * A refused request, for {@code sessionId} (0 when it concerns the connection). The code is kept as sent, so
     * codes this version does not know still round-trip; {@link #kind} names the known ones.
     */
    record Error(long sessionId, int code, String message) implements Message {
        public Error(long sessionId, ErrorCode kind, String message) {
            this(sessionId, kind.code, message);
        }

        public Error {
            if (code < 0 || code > 0xFFFF) throw new WireException("error code " + code + " is not a 16-bit code");
            if (message == null || message.getBytes(StandardCharsets.UTF_8).length > MAX_ERROR_BYTES) {
                throw new WireException("error message must be at most " + MAX_ERROR_BYTES + " bytes of UTF-8");
            }
        }

        public ErrorCode kind() {
            return ErrorCode.valueOf(code);
        }

        public MessageType type() {
            return MessageType.ERROR;
        }
    }

    /**
     * Push-pull gossip: the sender's known announcements, each an opaque encoded signed announcement that the
     * gossip layer decodes and checks one by one. A peer answers with its own list.
     */
    record Gossip(java.util.List<byte[]> announcements) implements Message {
        public static final int MAX_ANNOUNCEMENTS = 1024;
        public static final int MAX_ANNOUNCEMENT_BYTES = 1024;

        public Gossip {
            if (announcements == null || announcements.size() > MAX_ANNOUNCEMENTS) throw new WireException("a gossip message holds at most " + MAX_ANNOUNCEMENTS + " announcements");
            for (byte[] a : announcements) {
                if (a == null || a.length == 0 || a.length > MAX_ANNOUNCEMENT_BYTES) throw new WireException("an announcement must be 1.." + MAX_ANNOUNCEMENT_BYTES + " bytes");
            }
            announcements = announcements.stream().map(byte[]::clone).toList();
        }

        @Override
        public java.util.List<byte[]> announcements() {
            return announcements.stream().map(byte[]::clone).toList();
        }

        public MessageType type() {
            return MessageType.GOSSIP;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Gossip g) || g.announcements.size() != announcements.size()) return false;
            for (int i = 0; i < announcements.size(); i++) if (!Arrays.equals(announcements.get(i), g.announcements.get(i))) return false;
            return true;
        }

        @Override
        public int hashCode() {
            return announcements.stream().mapToInt(Arrays::hashCode).sum();
        }

        @Override
        public String toString() {
            return "Gossip(" + announcements.size() + " announcements)";
        }
    }

    private static byte[] exact(byte[] b, int n, String what) {
        if (b == null || b.length != n) throw new WireException(what + " must be " + n + " bytes");
        return b.clone();
    }
}
