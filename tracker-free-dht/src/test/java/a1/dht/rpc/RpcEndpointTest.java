package a1.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.id.NodeId;
import a1.dht.id.NodeInfo;
import a1.dht.krpc.ErrorCode;
import a1.dht.krpc.KrpcCodec;
import a1.dht.krpc.KrpcError;
import a1.dht.krpc.KrpcMessage;
import a1.dht.krpc.KrpcQuery;
import a1.dht.krpc.KrpcResponse;
import a1.dht.routing.RoutingTable;
import a1.dht.store.ItemStore;
import a1.dht.store.PeerStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The datagram entry point: amplification budget, rate limits, tokens, and error replies. */
class RpcEndpointTest {

    record Sent(InetSocketAddress to, byte[] bytes) {
    }

    final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    final Random random = new Random(4);
    final NodeId self = NodeId.random(random);
    final List<Sent> sent = new ArrayList<>();
    final RoutingTable table = new RoutingTable(self, 8, 2, false, 0);
    final PeerStore peers = new PeerStore(100, 100, false, 60_000);
    final AddressPolicy policy = new AddressPolicy(true, false, true);
    final RpcClient client = new RpcClient((to, b) -> sent.add(new Sent(to, b)), loop, table, policy,
            Duration.ofSeconds(5), () -> 0L, 77);
    final InetSocketAddress source = new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 5555);
    final NodeId infohash = NodeId.random(random);

    RpcEndpoint endpoint(int perSecond, int burst) {
        QueryHandler handler = new QueryHandler(table, peers, new ItemStore(100, 60_000),
                new TokenManager(random, 300_000, 0), 8, 50, random);
        return new RpcEndpoint(client, handler, table, policy, new RateLimiter<>(perSecond, burst, 100),
                (to, b) -> sent.add(new Sent(to, b)), 4, () -> 0L);
    }

    <T> T onLoop(Callable<T> c) throws Exception {
        return loop.submit(c).get();
    }

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    void fill() {
        for (int i = 0; i < 20; i++) {
            table.seen(new NodeInfo(NodeId.random(random), new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"),
                    2000 + i)), 0);
        }
        for (int p = 1; p <= 50; p++) {
            peers.announce(infohash, new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), p), 0);
        }
    }

    /** The last reply (not our own ping-back query) sent to the address. */
    KrpcMessage lastReplyTo(InetSocketAddress to) {
        return sent.reversed().stream().filter(s -> s.to().equals(to)).map(s -> KrpcCodec.decode(s.bytes()))
                .filter(m -> !(m instanceof KrpcQuery)).findFirst().orElseThrow();
    }

    @Test
    void unverifiedSourceGetsReplyWithinAmplificationFactor() throws Exception {
        RpcEndpoint e = endpoint(100, 100);
        fill();
        byte[] query = KrpcCodec.encode(new KrpcQuery.GetPeers(new byte[] {1, 2}, NodeId.random(random), infohash));
        onLoop(() -> {
            e.onDatagram(source, query);
            return null;
        });
        byte[] reply = sent.stream().filter(s -> s.to().equals(source) && s.bytes().length > 0)
                .filter(s -> KrpcCodec.decode(s.bytes()) instanceof KrpcResponse).findFirst().orElseThrow().bytes();
        assertTrue(reply.length <= 4 * query.length, reply.length + " bytes for a " + query.length + "-byte query");
        KrpcResponse r = (KrpcResponse) KrpcCodec.decode(reply);
        assertNotNull(r.token(), "the token survives trimming");
        assertTrue(r.values().size() < 50);
    }

    @Test
    void verifiedSourceGetsFullReply() throws Exception {
        RpcEndpoint e = endpoint(100, 100);
        fill();
        NodeId remote = NodeId.random(random);
        onLoop(() -> {
            client.call(source, remote, tid -> new KrpcQuery.Ping(tid, self));
            byte[] tid = KrpcCodec.decode(sent.getLast().bytes()).tid();
            e.onDatagram(source, KrpcCodec.encode(KrpcResponse.of(tid, remote)));
            return null;
        });
        assertTrue(client.verified(source));
        byte[] query = KrpcCodec.encode(new KrpcQuery.GetPeers(new byte[] {1, 2}, remote, infohash));
        onLoop(() -> {
            e.onDatagram(source, query);
            return null;
        });
        KrpcResponse r = assertInstanceOf(KrpcResponse.class, lastReplyTo(source));
        assertEquals(50, r.values().size());
        assertEquals(8, r.nodes().size());
    }

    @Test
    void anUnprovenQuerierIsPingedEvenWhenItsBucketIsFullAndThenGetsWholeReplies() throws Exception {
        RpcEndpoint e = endpoint(100, 100);
        fill();
        for (int i = 0; i < 200; i++) {
            table.seen(new NodeInfo(NodeId.random(random), new InetSocketAddress(InetAddress.ofLiteral("127.0.0.2"), 3000 + i)), 0);
        }
        byte[] far = self.bytes().clone();
        far[0] ^= (byte) 0x80; // the half of the id space without us: one bucket, full by now
        NodeId remote = NodeId.of(far);
        assertFalse(table.wants(remote));
        byte[] query = KrpcCodec.encode(new KrpcQuery.GetPeers(new byte[] {1, 2}, remote, infohash));
        onLoop(() -> {
            e.onDatagram(source, query);
            return null;
        });
        KrpcQuery ping = sent.stream().filter(s -> s.to().equals(source)).map(s -> KrpcCodec.decode(s.bytes()))
                .filter(m -> m instanceof KrpcQuery.Ping).map(KrpcQuery.class::cast).findFirst().orElseThrow();
        assertTrue(((KrpcResponse) lastReplyTo(source)).values().size() < 50, "cut to the budget until the address is proven");
        onLoop(() -> {
            e.onDatagram(source, KrpcCodec.encode(KrpcResponse.of(ping.tid(), remote)));
            e.onDatagram(source, query);
            return null;
        });
        assertTrue(client.verified(source));
        assertEquals(50, ((KrpcResponse) lastReplyTo(source)).values().size());
        assertFalse(table.contains(remote), "proving its address does not push it into a full bucket");
    }

    @Test
    void queriesBeyondTheRateLimitAreDropped() throws Exception {
        RpcEndpoint e = endpoint(1, 3);
        NodeId remote = NodeId.random(random);
        onLoop(() -> {
            for (int i = 0; i < 10; i++) {
                e.onDatagram(source, KrpcCodec.encode(new KrpcQuery.Ping(new byte[] {(byte) i}, remote)));
            }
            return null;
        });
        long replies = sent.stream().filter(s -> s.to().equals(source))
                .filter(s -> KrpcCodec.decode(s.bytes()) instanceof KrpcResponse).count();
        assertEquals(3, replies);
    }

    @Test
    void announceNeedsTheTokenFromGetPeers() throws Exception {
        RpcEndpoint e = endpoint(100, 100);
        NodeId remote = NodeId.random(random);
        onLoop(() -> {
            e.onDatagram(source, KrpcCodec.encode(new KrpcQuery.AnnouncePeer(new byte[] {1}, remote, infohash, 7000,
                    false, "forged".getBytes(StandardCharsets.US_ASCII))));
            return null;
        });
        KrpcError err = assertInstanceOf(KrpcError.class, lastReplyTo(source));
        assertEquals(ErrorCode.PROTOCOL.code(), err.code());
        byte[] token = onLoop(() -> {
            e.onDatagram(source, KrpcCodec.encode(new KrpcQuery.GetPeers(new byte[] {2}, remote, infohash)));
            return ((KrpcResponse) lastReplyTo(source)).token();
        });
        onLoop(() -> {
            e.onDatagram(source, KrpcCodec.encode(new KrpcQuery.AnnouncePeer(new byte[] {3}, remote, infohash, 7000,
                    false, token)));
            return null;
        });
        assertInstanceOf(KrpcResponse.class, lastReplyTo(source));
        assertEquals(List.of(new InetSocketAddress(source.getAddress(), 7000)), peers.peers(infohash, 10, 0, random));
    }

    @Test
    void malformedQueryGetsProtocolErrorWithItsTid() throws Exception {
        RpcEndpoint e = endpoint(100, 100);
        byte[] bad = "d1:ad2:id3:abce1:q4:ping1:t2:xy1:y1:qe".getBytes(StandardCharsets.US_ASCII);
        onLoop(() -> {
            e.onDatagram(source, bad);
            return null;
        });
        KrpcError err = assertInstanceOf(KrpcError.class, lastReplyTo(source));
        assertArrayEquals("xy".getBytes(StandardCharsets.US_ASCII), err.tid());
        assertEquals(203, err.code());
    }

    @Test
    void repliesFromAddressesWeNeverQueriedAreIgnored() throws Exception {
        RpcEndpoint e = endpoint(100, 100);
        NodeId remote = NodeId.random(random);
        onLoop(() -> {
            client.call(source, remote, tid -> new KrpcQuery.Ping(tid, self));
            byte[] tid = KrpcCodec.decode(sent.getLast().bytes()).tid();
            InetSocketAddress spoofer = new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 6666);
            e.onDatagram(spoofer, KrpcCodec.encode(KrpcResponse.of(tid, remote)));
            return null;
        });
        assertEquals(1, client.inFlight(), "the spoofed reply must not complete the call");
        assertEquals(0, table.size());
    }
}
