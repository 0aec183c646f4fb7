package a1.dht.krpc;

/** A KRPC error reply: a numeric code and a short message. */
public record KrpcError(byte[] tid, int code, String message) implements KrpcMessage {

    public KrpcError {
        tid = KrpcMessage.checkTid(tid);
        if (message.length() > 200) {
            message = message.substring(0, 200);
        }
    }

    public KrpcError(byte[] tid, ErrorCode code, String message) {
        this(tid, code.code(), message);
    }

    @Override
    public byte[] tid() {
        return tid.clone();
    }
}
