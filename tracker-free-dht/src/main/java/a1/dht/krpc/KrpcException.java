package a1.dht.krpc;

import a1.spec.OneLine;

/**
 * A datagram that is not a valid KRPC message. Carries the transaction id when it could be read,
 * so the receiver can answer with a KRPC error instead of silence.
 */
public final class KrpcException extends RuntimeException {

    private final transient byte[] tid;
    private final ErrorCode code;

    public KrpcException(ErrorCode code, byte[] tid, String message) {
        super(OneLine.of(message));
        this.code = code;
        this.tid = tid == null ? null : tid.clone();
    }

    public ErrorCode code() {
        return code;
    }

    /** The transaction id, or null when the datagram had none readable. */
    public byte[] tid() {
        return tid == null ? null : tid.clone();
    }
}
