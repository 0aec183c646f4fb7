package a1.spec.wire;

/** Why a peer refused a request; unknown codes decode as {@link #OTHER} so newer peers stay readable. */
public enum ErrorCode {
    OTHER(0), BAD_REQUEST(1), WRONG_MODEL(2), RANGE_NOT_SERVED(3), BUSY(4), UNKNOWN_SESSION(5), BAD_POSITION(6), INTERNAL(7);

    public final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public static ErrorCode valueOf(int code) {
        for (ErrorCode c : values()) if (c.code == code) return c;
        return OTHER;
    }
}
