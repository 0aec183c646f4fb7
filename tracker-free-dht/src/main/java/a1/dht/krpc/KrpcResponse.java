package a1.dht.krpc;

import a1.dht.id.NodeId;
import a1.dht.id.NodeInfo;
import a1.spec.bencode.BValue;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A KRPC response. Responses do not name their method, so one record carries every optional field
 * BEP 5 and BEP 44 define; the querier interprets it against the query it sent.
 *
 * @param nodes    close contacts (IPv4 and IPv6 together; the codec splits them into nodes/nodes6)
 * @param token    write token, or null
 * @param values   peers for get_peers
 * @param item     BEP 44 item fields, or null
 * @param observed the querier's address as the responder saw it (BEP 42 "ip"), or null
 */
public record KrpcResponse(byte[] tid, NodeId id, List<NodeInfo> nodes, byte[] token,
                           List<InetSocketAddress> values, ItemFields item, InetSocketAddress observed)
        implements KrpcMessage {

    public KrpcResponse {
        tid = KrpcMessage.checkTid(tid);
        nodes = List.copyOf(nodes);
        values = List.copyOf(values);
        token = token == null ? null : token.clone();
        values.forEach(KrpcMessage::checkPort);
    }

    public static KrpcResponse of(byte[] tid, NodeId id) {
        return new KrpcResponse(tid, id, List.of(), null, List.of(), null, null);
    }

    public KrpcResponse withNodes(List<NodeInfo> n) {
        return new KrpcResponse(tid, id, n, token, values, item, observed);
    }

    public KrpcResponse withToken(byte[] t) {
        return new KrpcResponse(tid, id, nodes, t, values, item, observed);
    }

    public KrpcResponse withValues(List<InetSocketAddress> v) {
        return new KrpcResponse(tid, id, nodes, token, v, item, observed);
    }

    public KrpcResponse withItem(ItemFields i) {
        return new KrpcResponse(tid, id, nodes, token, values, i, observed);
    }

    public KrpcResponse withObserved(InetSocketAddress o) {
        return new KrpcResponse(tid, id, nodes, token, values, item, o);
    }

    /**
     * BEP 44 fields of a get response: v alone for immutable items; k, seq, sig and v for mutable
     * items; seq alone when the querier already has that sequence number.
     */
    public record ItemFields(BValue value, byte[] publicKey, Long seq, byte[] signature) {
        public ItemFields {
            publicKey = publicKey == null ? null : publicKey.clone();
            signature = signature == null ? null : signature.clone();
            if ((publicKey == null) != (signature == null)) {
                throw new IllegalArgumentException("k and sig must come together");
            }
            if (publicKey != null && (value == null || seq == null)) {
                throw new IllegalArgumentException("a mutable item needs v and seq with k and sig");
            }
            if (value == null && seq == null) {
                throw new IllegalArgumentException("item fields need v or seq");
            }
        }
    }
}
