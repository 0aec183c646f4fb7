package a1.dht.rpc;

import a1.dht.id.NodeId;
import a1.dht.krpc.ErrorCode;
import a1.dht.krpc.KrpcError;
import a1.dht.krpc.KrpcMessage;
import a1.dht.krpc.KrpcQuery;
import a1.dht.krpc.KrpcQuery.AnnouncePeer;
import a1.dht.krpc.KrpcQuery.FindNode;
import a1.dht.krpc.KrpcQuery.Get;
import a1.dht.krpc.KrpcQuery.GetPeers;
import a1.dht.krpc.KrpcQuery.Ping;
import a1.dht.krpc.KrpcQuery.PutImmutable;
import a1.dht.krpc.KrpcQuery.PutMutable;
import a1.dht.krpc.KrpcResponse;
import a1.dht.krpc.KrpcResponse.ItemFields;
import a1.dht.routing.RoutingTable;
import a1.dht.store.ImmutableItem;
import a1.dht.store.Item;
import a1.dht.store.ItemStore;
import a1.dht.store.MutableItem;
import a1.dht.store.PeerStore;
import a1.dht.store.PutOutcome;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Serves BEP 5 and BEP 44 queries from the routing table and the stores. Confined to the event loop. */
public final class QueryHandler {

    private final RoutingTable table;
    private final PeerStore peers;
    private final ItemStore items;
    private final TokenManager tokens;
    private final int k;
    private final int maxValues;
    private final RandomGenerator random;

    public QueryHandler(RoutingTable table, PeerStore peers, ItemStore items, TokenManager tokens, int k,
                        int maxValues, RandomGenerator random) {
        this.table = table;
        this.peers = peers;
        this.items = items;
        this.tokens = tokens;
        this.k = k;
        this.maxValues = maxValues;
        this.random = random;
    }

    /** The reply to a query: a response carrying the querier's observed address, or an error. */
    public KrpcMessage handle(KrpcQuery query, InetSocketAddress from, long now) {
        KrpcMessage reply = switch (query) {
            case Ping p -> base(p);
            case FindNode f -> base(f).withNodes(table.closest(f.target(), k));
            case GetPeers g -> base(g)
                    .withToken(tokens.token(from.getAddress(), g.infohash(), now))
                    .withValues(peers.peers(g.infohash(), maxValues, now, random))
                    .withNodes(table.closest(g.infohash(), k));
            case AnnouncePeer a -> announce(a, from, now);
            case Get g -> get(g, from, now);
            case PutImmutable p -> put(p, p.token(), p.item().target(), from, now,
                    () -> items.putImmutable(p.item(), now));
            case PutMutable p -> put(p, p.token(), p.item().target(), from, now,
                    () -> items.putMutable(p.item(), p.cas(), now));
        };
        return reply instanceof KrpcResponse r ? r.withObserved(from) : reply;
    }

    private KrpcResponse base(KrpcQuery q) {
        return KrpcResponse.of(q.tid(), table.self());
    }

    private KrpcMessage announce(AnnouncePeer a, InetSocketAddress from, long now) {
        if (!tokens.valid(a.token(), from.getAddress(), a.infohash(), now)) {
            return new KrpcError(a.tid(), ErrorCode.PROTOCOL, "bad token");
        }
        int port = a.impliedPort() ? from.getPort() : a.port();
        if (!peers.announce(a.infohash(), new InetSocketAddress(from.getAddress(), port), now)) {
            return new KrpcError(a.tid(), ErrorCode.SERVER, "peer store full");
        }
        return base(a);
    }

    private KrpcResponse get(Get g, InetSocketAddress from, long now) {
        KrpcResponse r = base(g)
                .withToken(tokens.token(from.getAddress(), g.target(), now))
                .withNodes(table.closest(g.target(), k));
        Optional<Item> stored = items.get(g.target(), now);
        if (stored.isEmpty()) {
            return r;
        }
        return switch (stored.get()) {
            case ImmutableItem i -> r.withItem(new ItemFields(i.value(), null, null, null));
            case MutableItem m -> g.seq().isPresent() && m.seq() <= g.seq().getAsLong()
                    ? r.withItem(new ItemFields(null, null, m.seq(), null))
                    : r.withItem(new ItemFields(m.value(), m.publicKey(), m.seq(), m.signature()));
        };
    }

    private KrpcMessage put(KrpcQuery q, byte[] token, NodeId target, InetSocketAddress from, long now,
                            java.util.function.Supplier<PutOutcome> store) {
        if (!tokens.valid(token, from.getAddress(), target, now)) {
            return new KrpcError(q.tid(), ErrorCode.PROTOCOL, "bad token");
        }
        return switch (store.get()) {
            case STORED -> base(q);
            case INVALID_SIGNATURE -> new KrpcError(q.tid(), ErrorCode.INVALID_SIGNATURE, "invalid signature");
            case CAS_MISMATCH -> new KrpcError(q.tid(), ErrorCode.CAS_MISMATCH, "CAS mismatch, re-read and retry");
            case SEQ_TOO_LOW -> new KrpcError(q.tid(), ErrorCode.SEQ_TOO_LOW, "sequence number not newer");
            case STORE_FULL -> new KrpcError(q.tid(), ErrorCode.SERVER, "item store full");
        };
    }
}
