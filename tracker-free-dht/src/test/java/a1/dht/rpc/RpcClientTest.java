package a1.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.id.NodeId;
import a1.dht.krpc.KrpcCodec;
import a1.dht.krpc.KrpcMessage;
import a1.dht.krpc.KrpcQuery;
import a1.dht.krpc.KrpcResponse;
import a1.dht.routing.RoutingTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which addresses lookups leave out: those that let a query time out or stall, until they answer or time passes. */
class RpcClientTest {
    final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    final Random random = new Random(9);
    final AtomicLong now = new AtomicLong(1_000_000);
    final List<byte[]> sent = new ArrayList<>();
    final RpcClient client = new RpcClient((to, b) -> sent.add(b), loop, new RoutingTable(NodeId.random(random), 8, 2, false, 0),
            new AddressPolicy(true, false, true), Duration.ofMillis(50), now::get, 1);
    final InetSocketAddress gone = new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 7001);

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    CompletableFuture<KrpcResponse> ask(InetSocketAddress to) throws Exception {
        NodeId self = NodeId.random(random);
        return loop.submit(() -> client.call(to, null, tid -> new KrpcQuery.Ping(tid, self))).get();
    }

    boolean unresponsive(InetSocketAddress a) throws Exception {
        return loop.submit(() -> client.recentlyUnresponsive(a)).get();
    }

    @Test
    void anAddressThatTimedOutIsLeftOutUntilTimePasses() throws Exception {
        assertFalse(unresponsive(gone));
        CompletableFuture<KrpcResponse> q = ask(gone);
        assertThrows(ExecutionException.class, () -> q.get(5, TimeUnit.SECONDS));
        assertTrue(unresponsive(gone));
        now.addAndGet(RpcClient.UNRESPONSIVE_MILLIS - 1);
        assertTrue(unresponsive(gone));
        now.addAndGet(2);
        assertFalse(unresponsive(gone), "forgotten after " + RpcClient.UNRESPONSIVE_MILLIS + " ms");
    }

    @Test
    void aStalledAddressThatAnswersIsAskedAgain() throws Exception {
        loop.submit(() -> client.unanswered(gone)).get();
        assertTrue(unresponsive(gone));
        CompletableFuture<KrpcResponse> q = ask(gone);
        KrpcMessage query = KrpcCodec.decode(sent.getLast());
        KrpcResponse reply = new KrpcResponse(query.tid(), NodeId.random(random), List.of(), null, List.of(), null, null);
        loop.submit(() -> client.onReply(gone, reply)).get();
        q.get(5, TimeUnit.SECONDS);
        assertFalse(unresponsive(gone));
    }
}
