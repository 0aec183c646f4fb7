package a1.dht.rpc;

/** The remote node answered a query with a KRPC error. */
public final class RpcError extends RuntimeException {

    private final int code;

    public RpcError(int code, String message) {
        super("KRPC error " + code + ": " + message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
