package a1.dht.rpc;

import a1.dht.id.Bep42;
import a1.dht.id.NodeInfo;
import a1.dht.krpc.KrpcCodec;
import a1.dht.krpc.KrpcError;
import a1.dht.krpc.KrpcException;
import a1.dht.krpc.KrpcMessage;
import a1.dht.krpc.KrpcQuery;
import a1.dht.krpc.KrpcResponse;
import a1.dht.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;

/**
 * Where datagrams enter the node: rate limit per source, decode, answer queries within the
 * amplification budget, hand replies to the client, and ping back unknown queriers the routing
 * table has room for. Confined to the event loop; the Netty handler only forwards bytes here.
 */
public final class RpcEndpoint {

    /** Datagrams larger than this are dropped unread: no KRPC message needs more. */
    public static final int MAX_DATAGRAM = 2048;

    private final RpcClient client;
    private final QueryHandler handler;
    private final RoutingTable table;
    private final AddressPolicy policy;
    private final RateLimiter<Object> limiter;
    private final Transport transport;
    private final int amplificationFactor;
    private final LongSupplier clock;

    public RpcEndpoint(RpcClient client, QueryHandler handler, RoutingTable table, AddressPolicy policy,
                       RateLimiter<Object> limiter, Transport transport, int amplificationFactor, LongSupplier clock) {
        this.client = client;
        this.handler = handler;
        this.table = table;
        this.policy = policy;
        this.limiter = limiter;
        this.transport = transport;
        this.amplificationFactor = amplificationFactor;
        this.clock = clock;
    }

    public void onDatagram(InetSocketAddress from, byte[] datagram) {
        long now = clock.getAsLong();
        if (datagram.length > MAX_DATAGRAM || from.getPort() == 0 || !limiter.tryAcquire(limiterKey(from), now)) {
            return;
        }
        KrpcMessage message;
        try {
            message = KrpcCodec.decode(datagram);
        } catch (KrpcException e) {
            replyError(from, e, datagram.length);
            return;
        }
        if (message instanceof KrpcQuery q) {
            KrpcMessage reply = handler.handle(q, from, now);
            int limit = ResponseBudget.limit(client.verified(from), datagram.length, amplificationFactor);
            transport.send(from, reply instanceof KrpcResponse r ? ResponseBudget.fit(r, limit) : KrpcCodec.encode(reply));
            pingBack(q, from);
        } else {
            client.onReply(from, message);
        }
    }

    /**
     * Public sources are limited per IP; in a local swarm many nodes share one private IP, so those
     * are limited per IP and port instead.
     */
    private Object limiterKey(InetSocketAddress from) {
        return policy.manyNodesPerIp() && Bep42.isExempt(from.getAddress()) ? from : from.getAddress();
    }

    /**
     * A querier we do not know yet joins the table only after it answers a ping (proves its address); and a querier
     * whose address is unproven is pinged even when the table has no room for it, since until it answers, our
     * replies to it are cut to the amplification budget. Pinging only those the table wanted left a client whose
     * bucket was full (of contacts that had left) unproven for good: every BEP 44 value larger than the budget
     * came back without its value, and a local swarm's fetch failed with "no manifest found".
     */
    private void pingBack(KrpcQuery q, InetSocketAddress from) {
        NodeInfo node = new NodeInfo(q.id(), from);
        boolean joins = !table.contains(q.id()) && table.wants(q.id());
        if ((joins || !client.verified(from)) && policy.routable(node)) {
            client.call(from, q.id(), tid -> new KrpcQuery.Ping(tid, table.self()))
                    .exceptionally(e -> null);
        }
    }

    private void replyError(InetSocketAddress from, KrpcException e, int querySize) {
        byte[] tid = e.tid();
        if (tid == null || tid.length == 0 || tid.length > KrpcMessage.MAX_TID_BYTES) {
            return;
        }
        byte[] reply = KrpcCodec.encode(new KrpcError(tid, e.code(), e.getMessage()));
        if (reply.length <= ResponseBudget.limit(client.verified(from), querySize, amplificationFactor)) {
            transport.send(from, reply);
        }
    }
}
