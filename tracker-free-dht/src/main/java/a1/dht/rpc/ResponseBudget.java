package a1.dht.rpc;

import a1.dht.krpc.KrpcCodec;
import a1.dht.krpc.KrpcResponse;
import a1.dht.krpc.KrpcResponse.ItemFields;

/**
 * Anti-amplification: fits a response into a byte budget by dropping, in order, peer values, the
 * farthest nodes, and finally the item value (keeping its seq). A source that has never echoed our
 * transaction id gets at most factor x its query size, so a spoofed query cannot buy a large reply.
 */
public final class ResponseBudget {

    /** Largest reply for verified sources: fits one unfragmented IPv6 datagram on ethernet. */
    public static final int MAX_DATAGRAM = 1400;

    private ResponseBudget() {
    }

    public static int limit(boolean verifiedSource, int querySize, int factor) {
        return verifiedSource ? MAX_DATAGRAM : Math.min(MAX_DATAGRAM, querySize * factor);
    }

    public static byte[] fit(KrpcResponse response, int limit) {
        KrpcResponse r = response;
        byte[] out = KrpcCodec.encode(r);
        while (out.length > limit && !r.values().isEmpty()) {
            r = r.withValues(r.values().subList(0, r.values().size() / 2));
            out = KrpcCodec.encode(r);
        }
        while (out.length > limit && !r.nodes().isEmpty()) {
            r = r.withNodes(r.nodes().subList(0, r.nodes().size() - 1));
            out = KrpcCodec.encode(r);
        }
        if (out.length > limit && r.item() != null) {
            ItemFields i = r.item();
            r = r.withItem(i.seq() == null ? null : new ItemFields(null, null, i.seq(), null));
            out = KrpcCodec.encode(r);
        }
        return out;
    }
}
