package a1.dht.rpc;

import a1.dht.id.NodeId;
import a1.dht.id.NodeInfo;
import a1.dht.krpc.KrpcCodec;
import a1.dht.krpc.KrpcError;
import a1.dht.krpc.KrpcMessage;
import a1.dht.krpc.KrpcQuery;
import a1.dht.krpc.KrpcResponse;
import a1.dht.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Outgoing queries: transaction ids, timeouts, matching replies to the address they were sent to,
 * and the routing-table bookkeeping a reply or a timeout implies. Confined to the node's event loop.
 */
public final class RpcClient {

    /** Cap on queries in flight, so a lookup storm cannot grow memory without bound. */
    public static final int MAX_PENDING = 4096;
    private static final int MAX_VERIFIED = 16_384;
    /**
     * How long an address whose query stalled or timed out is left out of lookups as a contact learned from replies.
     * Nodes keep a contact that left for up to 15 minutes and hand it out meanwhile; without this, every lookup of a
     * process waited out the same departed contacts' time-outs again (docs/RELIABILITY.md).
     */
    static final long UNRESPONSIVE_MILLIS = 5 * 60_000;
    private static final int MAX_UNRESPONSIVE = 4096;
    private static final int EXTERNAL_QUORUM = 3;

    private record Pending(InetSocketAddress to, NodeId expected, CompletableFuture<KrpcResponse> future,
                           ScheduledFuture<?> timeout) {
    }

    private final Transport transport;
    private final ScheduledExecutorService loop;
    private final RoutingTable table;
    private final AddressPolicy policy;
    private final long timeoutMillis;
    private final LongSupplier clock;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final Map<InetSocketAddress, Boolean> verified = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Boolean> eldest) {
            return size() > MAX_VERIFIED;
        }
    };
    /** Addresses whose last query stalled or timed out, with when (clock time); a reply from one takes it off. */
    private final Map<InetSocketAddress, Long> unresponsive = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Long> eldest) {
            return size() > MAX_UNRESPONSIVE;
        }
    };
    private final ExternalAddressVotes externalVotes = new ExternalAddressVotes(EXTERNAL_QUORUM);
    private int nextTid;

    public RpcClient(Transport transport, ScheduledExecutorService loop, RoutingTable table, AddressPolicy policy,
                     Duration timeout, LongSupplier clock, int firstTid) {
        this.transport = transport;
        this.loop = loop;
        this.table = table;
        this.policy = policy;
        this.timeoutMillis = timeout.toMillis();
        this.clock = clock;
        this.nextTid = firstTid;
    }

    /**
     * Sends a query built for a fresh transaction id. {@code expected} is the id we believe the
     * node has (null for bootstrap contacts we only know by address).
     */
    public CompletableFuture<KrpcResponse> call(InetSocketAddress to, NodeId expected,
                                                Function<byte[], KrpcQuery> query) {
        if (!policy.reachable(to)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("address not allowed: " + to));
        }
        if (pending.size() >= MAX_PENDING) {
            return CompletableFuture.failedFuture(new IllegalStateException("too many queries in flight"));
        }
        int tid = nextTid++;
        byte[] tidBytes = ByteBuffer.allocate(4).putInt(tid).array();
        CompletableFuture<KrpcResponse> future = new CompletableFuture<>();
        ScheduledFuture<?> timer = loop.schedule(() -> timedOut(tid), timeoutMillis, TimeUnit.MILLISECONDS);
        pending.put(tid, new Pending(to, expected, future, timer));
        transport.send(to, KrpcCodec.encode(query.apply(tidBytes)));
        return future;
    }

    /** Handles a response or error datagram; replies from an address we did not query are ignored. */
    public void onReply(InetSocketAddress from, KrpcMessage message) {
        byte[] t = message.tid();
        if (t.length != 4) {
            return;
        }
        int tid = ByteBuffer.wrap(t).getInt();
        Pending p = pending.get(tid);
        if (p == null || !p.to().equals(from)) {
            return;
        }
        pending.remove(tid);
        p.timeout().cancel(false);
        verified.put(from, Boolean.TRUE);
        unresponsive.remove(from);
        switch (message) {
            case KrpcResponse r -> {
                if (p.expected() != null && !p.expected().equals(r.id())) {
                    table.failed(new NodeInfo(p.expected(), p.to()));
                    p.future().completeExceptionally(new IllegalStateException("node at " + from + " changed id"));
                    return;
                }
                if (r.observed() != null) {
                    externalVotes.vote(from, r.observed());
                }
                NodeInfo node = new NodeInfo(r.id(), from);
                if (policy.routable(node)) {
                    table.seen(node, clock.getAsLong());
                }
                p.future().complete(r);
            }
            case KrpcError e -> p.future().completeExceptionally(new RpcError(e.code(), e.message()));
            case KrpcQuery q -> throw new IllegalArgumentException("queries are not replies");
        }
    }

    /** Whether this address has echoed one of our transaction ids, proving it receives there. */
    public boolean verified(InetSocketAddress address) {
        return verified.containsKey(address);
    }

    /** Notes that a query to this address went unanswered past a lookup's stall time. */
    public void unanswered(InetSocketAddress address) {
        unresponsive.remove(address); // re-inserted: the order is oldest first
        unresponsive.put(address, clock.getAsLong());
    }

    /**
     * Whether a query to this address stalled or timed out in the last {@link #UNRESPONSIVE_MILLIS} without a reply
     * since.
     */
    public boolean recentlyUnresponsive(InetSocketAddress address) {
        Long at = unresponsive.get(address);
        if (at == null) {
            return false;
        }
        if (clock.getAsLong() - at > UNRESPONSIVE_MILLIS) {
            unresponsive.remove(address);
            return false;
        }
        return true;
    }

    /** Our external IP as a quorum of responders reports it (BEP 42 "ip"), if known yet. */
    public java.util.Optional<java.net.InetAddress> externalAddress() {
        return externalVotes.external();
    }

    public int inFlight() {
        return pending.size();
    }

    /** Fails every outstanding query (node shutting down). */
    public void cancelAll() {
        pending.values().forEach(p -> {
            p.timeout().cancel(false);
            p.future().completeExceptionally(new IllegalStateException("node closed"));
        });
        pending.clear();
    }

    private void timedOut(int tid) {
        Pending p = pending.remove(tid);
        if (p == null) {
            return;
        }
        if (p.expected() != null) {
            table.failed(new NodeInfo(p.expected(), p.to()));
        }
        unanswered(p.to());
        p.future().completeExceptionally(new TimeoutException("no reply from " + p.to()));
    }
}
