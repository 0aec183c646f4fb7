package a1.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.DhtConfig;
import a1.dht.id.Bep42;
import a1.dht.id.NodeId;
import a1.dht.id.NodeInfo;
import a1.dht.krpc.KrpcCodec;
import a1.dht.krpc.KrpcQuery;
import a1.dht.krpc.KrpcResponse;
import a1.dht.lookup.IterativeLookup;
import a1.dht.routing.RoutingTable;
import a1.dht.store.ItemStore;
import a1.dht.store.PeerStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public-network policy ({@link DhtConfig#mainline()}): loopback and private contacts are never asked, stored or
 * handed on, a node id must satisfy BEP 42 for its IP (checked with the BEP's published vectors), and one IP holds
 * one routing-table slot. Unit tests over a fake transport: nothing leaves this JVM.
 */
class MainlineAddressPolicyTest {

    static final DhtConfig MAINLINE = DhtConfig.mainline();
    static final AddressPolicy POLICY = MAINLINE.addressPolicy();
    static final String[] LOCAL_IPS = {"127.0.0.1", "127.3.4.5", "10.1.2.3", "172.16.0.9", "192.168.1.1",
            "169.254.3.3", "::1", "fd00::1", "fe80::1"};

    /** BEP 42's test vectors: an IP and a node id valid for it. */
    static final String[][] VECTORS = {
            {"124.31.75.21", "5fbfbff10c5d6a4ec8a88e4c6ab4c28b95eee401"},
            {"21.75.31.124", "5a3ce9c14e7a08645677bbd1cfe7d8f956d53256"},
            {"65.23.51.170", "a5d43220bc8f112a3d426c84764f8c2a1150e616"},
            {"84.124.73.14", "1b0321dd1bb1fe518101ceef99462b947a01ff41"},
            {"43.213.53.83", "e56f6cbf5b7c4be0237986d5243b87aa6d51305a"}};

    final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    final Random random = new Random(42);
    final NodeId self = NodeId.random(random);
    final List<InetSocketAddress> sentTo = new ArrayList<>();
    final List<byte[]> sent = new ArrayList<>();
    final RoutingTable table = new RoutingTable(self, MAINLINE.k(), MAINLINE.maxFailures(), !POLICY.manyNodesPerIp(), 0);
    final RpcClient client = new RpcClient(this::send, loop, table, POLICY, Duration.ofSeconds(5), () -> 0L, 1);

    void send(InetSocketAddress to, byte[] bytes) {
        sentTo.add(to);
        sent.add(bytes);
    }

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    <T> T onLoop(Callable<T> c) throws Exception {
        return loop.submit(c).get();
    }

    static NodeInfo vector(int i) {
        return new NodeInfo(NodeId.ofHex(VECTORS[i][1]), at(VECTORS[i][0]));
    }

    static InetSocketAddress at(String ip) {
        return new InetSocketAddress(InetAddress.ofLiteral(ip), 6881);
    }

    static NodeId flipFirstBit(NodeId id) {
        byte[] b = id.bytes();
        b[0] ^= (byte) 0x80;
        return NodeId.of(b);
    }

    /** Asks {@code node} with a ping and feeds back a reply carrying {@code replyId}, as the transport would. */
    void pingAndReply(NodeInfo node, NodeId replyId) throws Exception {
        onLoop(() -> {
            client.call(node.address(), null, tid -> new KrpcQuery.Ping(tid, self)).exceptionally(e -> null);
            byte[] tid = KrpcCodec.decode(sent.getLast()).tid();
            client.onReply(node.address(), KrpcResponse.of(tid, replyId));
            return null;
        });
    }

    @Test
    void loopbackAndPrivateContactsAreNeitherReachableNorRoutable() {
        for (String ip : LOCAL_IPS) {
            // BEP 42 exempts these ranges, so only the address rule can refuse them: any id would pass BEP 42
            NodeInfo node = new NodeInfo(NodeId.random(random), at(ip));
            assertFalse(POLICY.reachable(node.address()), ip);
            assertFalse(POLICY.routable(node), ip);
            assertTrue(DhtConfig.localSwarm().addressPolicy().routable(node), "a local swarm takes " + ip);
        }
        assertTrue(POLICY.reachable(at("124.31.75.21")));
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "2", "3", "4"})
    void bep42VectorIdsAreRoutableAtTheirIpOnly(int i) {
        NodeInfo valid = vector(i);
        assertTrue(POLICY.routable(valid), valid.toString());
        assertFalse(POLICY.routable(new NodeInfo(flipFirstBit(valid.id()), valid.address())), "tampered id");
        NodeInfo elsewhere = new NodeInfo(valid.id(), vector((i + 1) % VECTORS.length).address());
        assertFalse(POLICY.routable(elsewhere), "id valid for another IP");
    }

    @Test
    void nothingIsSentToPrivateOrLoopbackAddresses() throws Exception {
        for (String ip : LOCAL_IPS) {
            CompletableFuture<KrpcResponse> call = onLoop(() -> client.call(at(ip), null,
                    tid -> new KrpcQuery.Ping(tid, self)));
            assertTrue(call.isCompletedExceptionally(), ip);
        }
        assertTrue(sentTo.isEmpty(), "sent to " + sentTo);
    }

    @Test
    void onlyRepliesWithBep42ValidIdsEnterTheRoutingTable() throws Exception {
        NodeInfo good = vector(0);
        NodeInfo bad = vector(1);
        pingAndReply(good, good.id());
        pingAndReply(bad, flipFirstBit(bad.id()));
        assertTrue(table.contains(good.id()));
        assertFalse(table.contains(flipFirstBit(bad.id())));
        assertEquals(1, table.size());
    }

    @Test
    void oneIpHoldsOneRoutingTableSlot() throws Exception {
        NodeInfo first = vector(2);
        NodeInfo sameIp = new NodeInfo(Bep42.generate(first.address().getAddress(), random),
                new InetSocketAddress(first.address().getAddress(), 7000));
        assertTrue(POLICY.routable(sameIp), "a valid BEP 42 id: only the one-per-IP rule may refuse it");
        pingAndReply(first, first.id());
        pingAndReply(sameIp, sameIp.id());
        assertTrue(table.contains(first.id()));
        assertFalse(table.contains(sameIp.id()));
    }

    @Test
    void unknownQueriersArePingedBackOnlyWhenPublicWithAValidId() throws Exception {
        QueryHandler handler = new QueryHandler(table, new PeerStore(100, 100, true, 60_000),
                new ItemStore(100, 60_000), new TokenManager(random, 300_000, 0), MAINLINE.k(), 50, random);
        RpcEndpoint endpoint = new RpcEndpoint(client, handler, table, POLICY, new RateLimiter<>(100, 100, 100),
                this::send, MAINLINE.amplificationFactor(), () -> 0L);
        NodeInfo invalid = new NodeInfo(flipFirstBit(vector(3).id()), vector(3).address());
        NodeInfo local = new NodeInfo(NodeId.random(random), at("192.168.7.7"));
        NodeInfo valid = vector(4);
        for (NodeInfo querier : List.of(invalid, local, valid)) {
            onLoop(() -> {
                endpoint.onDatagram(querier.address(), KrpcCodec.encode(new KrpcQuery.Ping(new byte[] {7}, querier.id())));
                return null;
            });
        }
        Set<InetSocketAddress> pinged = new HashSet<>();
        for (int i = 0; i < sent.size(); i++) {
            if (KrpcCodec.decode(sent.get(i)) instanceof KrpcQuery) {
                pinged.add(sentTo.get(i));
            }
        }
        assertEquals(Set.of(valid.address()), pinged);
    }

    @Test
    void lookupsNeverAskNorReturnLocalOrInvalidContacts() {
        NodeId target = NodeId.random(random);
        NodeInfo seed = vector(0);
        NodeInfo next = vector(1);
        List<NodeInfo> refused = List.of(new NodeInfo(NodeId.random(random), at("127.0.0.1")),
                new NodeInfo(NodeId.random(random), at("10.0.0.2")),
                new NodeInfo(flipFirstBit(vector(2).id()), vector(2).address()));
        List<NodeInfo> advertised = new ArrayList<>(refused);
        advertised.add(next);
        Map<NodeId, List<NodeInfo>> answers = Map.of(seed.id(), advertised, next.id(), List.of());
        Set<NodeInfo> asked = new HashSet<>();
        IterativeLookup.Result result = IterativeLookup.run(target, self, List.of(seed), MAINLINE.k(), MAINLINE.alpha(),
                node -> {
                    asked.add(node);
                    return CompletableFuture.completedFuture(
                            KrpcResponse.of(new byte[] {1}, node.id()).withNodes(answers.get(node.id())));
                }, POLICY::routable, loop).join();
        assertEquals(Set.of(seed, next), asked);
        assertEquals(Set.of(seed, next), Set.copyOf(result.replies().stream().map(IterativeLookup.Reply::node).toList()));
    }
}
