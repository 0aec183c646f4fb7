package a1.dht.krpc;

/** KRPC error codes from BEP 5 and BEP 44. */
public enum ErrorCode {
    GENERIC(201),
    SERVER(202),
    PROTOCOL(203),
    METHOD_UNKNOWN(204),
    VALUE_TOO_BIG(205),
    INVALID_SIGNATURE(206),
    SALT_TOO_BIG(207),
    CAS_MISMATCH(301),
    SEQ_TOO_LOW(302);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
