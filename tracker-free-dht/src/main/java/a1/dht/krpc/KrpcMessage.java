package a1.dht.krpc;

import java.net.InetSocketAddress;

/** A KRPC message: a query, a response or an error. */
public sealed interface KrpcMessage permits KrpcQuery, KrpcResponse, KrpcError {

    /** Transaction id chosen by the querier and echoed by the responder. */
    byte[] tid();

    /** Longest transaction id accepted; real clients use 2 to 4 bytes. */
    int MAX_TID_BYTES = 16;

    static byte[] checkTid(byte[] tid) {
        if (tid.length == 0 || tid.length > MAX_TID_BYTES) {
            throw new IllegalArgumentException("transaction id must be 1.." + MAX_TID_BYTES + " bytes, got " + tid.length);
        }
        return tid.clone();
    }

    static void checkPort(InetSocketAddress address) {
        if (address.getPort() == 0) {
            throw new IllegalArgumentException("port 0 is not a reachable address: " + address);
        }
    }
}
