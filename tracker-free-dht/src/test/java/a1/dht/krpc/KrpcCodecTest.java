package a1.dht.krpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.id.NodeId;
import a1.dht.id.NodeInfo;
import a1.dht.krpc.KrpcQuery.AnnouncePeer;
import a1.dht.krpc.KrpcQuery.FindNode;
import a1.dht.krpc.KrpcQuery.Get;
import a1.dht.krpc.KrpcQuery.GetPeers;
import a1.dht.krpc.KrpcQuery.Ping;
import a1.dht.krpc.KrpcQuery.PutImmutable;
import a1.dht.krpc.KrpcQuery.PutMutable;
import a1.dht.store.Bep44;
import a1.dht.store.Ed25519KeyPair;
import a1.dht.store.ImmutableItem;
import a1.dht.store.MutableItem;
import a1.spec.bencode.BString;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KrpcCodecTest {

    static final NodeId ID = NodeId.ofHex("0123456789abcdef0123456789abcdef01234567");
    static final NodeId TARGET = NodeId.ofHex("fedcba9876543210fedcba9876543210fedcba98");
    static final byte[] TID = {'a', 'a'};

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String id20() {
        return "abcdefghij0123456789";
    }

    @Test
    void decodesBep5PingExample() {
        KrpcMessage m = KrpcCodec.decode(b("d1:ad2:id20:" + id20() + "e1:q4:ping1:t2:aa1:y1:qe"));
        Ping p = assertInstanceOf(Ping.class, m);
        assertArrayEquals(TID, p.tid());
        assertEquals(NodeId.of(b(id20())), p.id());
    }

    @Test
    void encodesBep5PingExampleExactly() {
        assertArrayEquals(b("d1:ad2:id20:" + id20() + "e1:q4:ping1:t2:aa1:y1:qe"),
                KrpcCodec.encode(new Ping(TID, NodeId.of(b(id20())))));
    }

    @Test
    void everyQueryRoundTrips() {
        Ed25519KeyPair keys = Ed25519KeyPair.fromSeed(new byte[32]);
        MutableItem item = Bep44.sign(keys, b("salt"), 7, BString.of("hello"));
        List<KrpcQuery> queries = List.of(
                new Ping(TID, ID),
                new FindNode(TID, ID, TARGET),
                new GetPeers(TID, ID, TARGET),
                new AnnouncePeer(TID, ID, TARGET, 6881, false, b("tok")),
                new AnnouncePeer(TID, ID, TARGET, 0, true, b("tok")),
                new Get(TID, ID, TARGET, OptionalLong.empty()),
                new Get(TID, ID, TARGET, OptionalLong.of(3)),
                new PutImmutable(TID, ID, b("tok"), new ImmutableItem(BString.of("v"))),
                new PutMutable(TID, ID, b("tok"), item, OptionalLong.of(6)));
        for (KrpcQuery q : queries) {
            byte[] wire = KrpcCodec.encode(q);
            KrpcMessage back = KrpcCodec.decode(wire);
            assertEquals(q.getClass(), back.getClass());
            assertArrayEquals(wire, KrpcCodec.encode(back), q.toString());
        }
        PutMutable back = (PutMutable) KrpcCodec.decode(KrpcCodec.encode(queries.getLast()));
        assertTrue(back.item().verify());
        assertEquals(OptionalLong.of(6), back.cas());
    }

    @Test
    void responseWithNodesValuesAndItemRoundTrips() throws Exception {
        NodeInfo v4 = new NodeInfo(TARGET, new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), 6881));
        NodeInfo v6 = new NodeInfo(ID, new InetSocketAddress(InetAddress.ofLiteral("::1"), 6882));
        KrpcResponse r = KrpcResponse.of(TID, ID)
                .withNodes(List.of(v4, v6))
                .withToken(b("token"))
                .withValues(List.of(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 7000)))
                .withItem(new KrpcResponse.ItemFields(BString.of("x"), null, null, null))
                .withObserved(new InetSocketAddress(InetAddress.ofLiteral("192.168.1.2"), 9));
        KrpcResponse back = assertInstanceOf(KrpcResponse.class, KrpcCodec.decode(KrpcCodec.encode(r)));
        assertEquals(List.of(v4, v6), back.nodes());
        assertEquals(r.values(), back.values());
        assertEquals(r.observed(), back.observed());
        assertArrayEquals(b("token"), back.token());
        assertEquals(BString.of("x"), back.item().value());
    }

    @Test
    void errorRoundTrips() {
        KrpcError e = assertInstanceOf(KrpcError.class,
                KrpcCodec.decode(b("d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee")));
        assertEquals(201, e.code());
        assertEquals("A Generic Error Ocurred", e.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "d1:t2:aa1:y1:qe|missing field q",
            "d1:ad2:id3:abce1:q4:ping1:t2:aa1:y1:qe|must be 20 bytes",
            "d1:ai5e1:q4:ping1:t2:aa1:y1:qe|not a dictionary",
            "d1:ad2:idi5ee1:q4:ping1:t2:aa1:y1:qe|not a string",
            "d1:ad2:id20:abcdefghij0123456789e1:q5:bogus1:t2:aa1:y1:qe|unknown method",
            "d1:t2:aa1:y1:xe|unknown message type",
            "d1:y1:qe|missing field t",
            "le|not a dictionary",
            "d1:t2:aa1:y1:q|bad bencoding",
            "d1:rd2:id20:abcdefghij01234567895:nodes3:abce1:t2:aa1:y1:re|not a multiple of 26",
            "d1:rd2:id20:abcdefghij01234567896:valuesl3:abcee1:t2:aa1:y1:re|compact peer",
            "d1:el4:oopse1:t2:aa1:y1:ee|error must be",
            "d1:ad2:id20:abcdefghij01234567899:info_hash20:abcdefghij01234567894:porti70000e5:token1:xe1:q13:announce_peer1:t2:aa1:y1:qe|port must be"})
    void malformedMessagesFailWithKrpcException(String input, String expected) {
        KrpcException e = assertThrows(KrpcException.class, () -> KrpcCodec.decode(b(input)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void queryErrorsCarryTidSoTheyCanBeAnswered() {
        KrpcException e = assertThrows(KrpcException.class,
                () -> KrpcCodec.decode(b("d1:ad2:id20:" + id20() + "e1:q5:bogus1:t2:aa1:y1:qe")));
        assertEquals(ErrorCode.METHOD_UNKNOWN, e.code());
        assertArrayEquals(TID, e.tid());
        KrpcException onResponse = assertThrows(KrpcException.class,
                () -> KrpcCodec.decode(b("d1:rd2:id3:abce1:t2:aa1:y1:re")));
        assertNull(onResponse.tid(), "a broken response must never be answered");
    }

    @Test
    void oversizedPutValueIsError205AndLongSaltIs207() {
        String big = "x".repeat(1000);
        KrpcException tooBig = assertThrows(KrpcException.class, () -> KrpcCodec.decode(b(
                "d1:ad2:id20:" + id20() + "5:token1:t1:v1000:" + big + "e1:q3:put1:t2:aa1:y1:qe")));
        assertEquals(ErrorCode.VALUE_TOO_BIG, tooBig.code());
        String salt = "s".repeat(65);
        KrpcException longSalt = assertThrows(KrpcException.class, () -> KrpcCodec.decode(b(
                "d1:ad2:id20:" + id20() + "1:k32:" + "k".repeat(32) + "4:salt65:" + salt
                        + "3:seqi1e3:sig64:" + "s".repeat(64) + "5:token1:t1:v1:xe1:q3:put1:t2:aa1:y1:qe")));
        assertEquals(ErrorCode.SALT_TOO_BIG, longSalt.code());
    }

    @Test
    void hugeDeclaredLengthsDoNotAllocate() {
        byte[] input = b("d1:ad2:id2147483647:xe1:q4:ping1:t2:aa1:y1:qe");
        KrpcException e = assertThrows(KrpcException.class, () -> KrpcCodec.decode(input));
        assertTrue(e.getMessage().contains("exceeds remaining"), e.getMessage());
    }

    @Test
    void mutatedMessagesOnlyEverThrowKrpcException() {
        Random r = new Random(0x5EED);
        Ed25519KeyPair keys = Ed25519KeyPair.fromSeed(new byte[32]);
        List<byte[]> seeds = List.of(
                KrpcCodec.encode(new AnnouncePeer(TID, ID, TARGET, 6881, false, b("tok"))),
                KrpcCodec.encode(new PutMutable(TID, ID, b("tok"), Bep44.sign(keys, b("s"), 2, BString.of("v")),
                        OptionalLong.of(1))),
                KrpcCodec.encode(KrpcResponse.of(TID, ID).withToken(b("t")).withNodes(List.of(
                        new NodeInfo(TARGET, new InetSocketAddress(InetAddress.ofLiteral("10.1.2.3"), 99))))),
                KrpcCodec.encode(new KrpcError(TID, ErrorCode.GENERIC, "oops")));
        for (int i = 0; i < 20_000; i++) {
            byte[] input = a1.spec.bencode.BencodeMutationTest.mutate(seeds.get(i % seeds.size()), r);
            try {
                KrpcCodec.decode(input);
            } catch (KrpcException expected) {
                // the codec's own, clean error
            } catch (RuntimeException | Error e) {
                throw new AssertionError("mutation " + i + " threw " + e + " for "
                        + java.util.HexFormat.of().formatHex(input), e);
            }
        }
    }
}
