package a1.dht.krpc;

import a1.dht.id.NodeId;
import a1.dht.id.NodeInfo;
import a1.dht.krpc.KrpcQuery.AnnouncePeer;
import a1.dht.krpc.KrpcQuery.FindNode;
import a1.dht.krpc.KrpcQuery.Get;
import a1.dht.krpc.KrpcQuery.GetPeers;
import a1.dht.krpc.KrpcQuery.Ping;
import a1.dht.krpc.KrpcQuery.PutImmutable;
import a1.dht.krpc.KrpcQuery.PutMutable;
import a1.dht.krpc.KrpcResponse.ItemFields;
import a1.dht.store.Bep44;
import a1.dht.store.ImmutableItem;
import a1.dht.store.MutableItem;
import a1.spec.bencode.BDict;
import a1.spec.bencode.BInt;
import a1.spec.bencode.BList;
import a1.spec.bencode.BString;
import a1.spec.bencode.BValue;
import a1.spec.bencode.Bencode;
import a1.spec.bencode.BencodeException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Pure KRPC codec: datagram bytes to {@link KrpcMessage} and back. Knows nothing of sockets or of
 * the node. Every malformed input ends in a {@link KrpcException} naming the problem.
 */
public final class KrpcCodec {

    private KrpcCodec() {
    }

    public static KrpcMessage decode(byte[] datagram) {
        BValue root;
        try {
            root = Bencode.decode(datagram);
        } catch (BencodeException e) {
            throw new KrpcException(ErrorCode.PROTOCOL, null, "bad bencoding: " + e.getMessage());
        }
        if (!(root instanceof BDict dict)) {
            throw new KrpcException(ErrorCode.PROTOCOL, null, "message is not a dictionary");
        }
        Fields top = new Fields(dict, null);
        byte[] tid = top.bytes("t");
        String y = top.text("y");
        // Only a query may be answered with an error, so only queries carry the tid into exceptions.
        Fields f = new Fields(dict, y.equals("q") ? tid : null);
        try {
            return switch (y) {
                case "q" -> query(f, tid);
                case "r" -> response(f, tid);
                case "e" -> error(f, tid);
                default -> throw f.fail("unknown message type y=" + y);
            };
        } catch (IllegalArgumentException e) {
            // Record constructors validate sizes and ranges; surface that as a protocol error.
            throw new KrpcException(ErrorCode.PROTOCOL, f.tid, e.getMessage());
        }
    }

    private static KrpcQuery query(Fields f, byte[] tid) {
        String name = f.text("q");
        Fields a = f.dict("a");
        NodeId id = a.id("id");
        Method method = Method.ofWire(name);
        if (method == null) {
            throw new KrpcException(ErrorCode.METHOD_UNKNOWN, f.tid, "unknown method " + name);
        }
        return switch (method) {
            case PING -> new Ping(tid, id);
            case FIND_NODE -> new FindNode(tid, id, a.id("target"));
            case GET_PEERS -> new GetPeers(tid, id, a.id("info_hash"));
            case ANNOUNCE_PEER -> new AnnouncePeer(tid, id, a.id("info_hash"),
                    (int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, a.integer("port"))),
                    a.optionalInteger("implied_port").orElse(0) != 0, a.bytes("token"));
            case GET -> new Get(tid, id, a.id("target"), a.optionalInteger("seq"));
            case PUT -> put(a, tid, id);
        };
    }

    private static KrpcQuery put(Fields a, byte[] tid, NodeId id) {
        byte[] token = a.bytes("token");
        BValue v = a.value("v");
        int size = Bencode.encode(v).length;
        if (size > Bep44.MAX_VALUE_BYTES) {
            throw new KrpcException(ErrorCode.VALUE_TOO_BIG, tid, "v is " + size + " bytes, limit " + Bep44.MAX_VALUE_BYTES);
        }
        if (a.dict.has("salt") && a.bytes("salt").length > Bep44.MAX_SALT_BYTES) {
            throw new KrpcException(ErrorCode.SALT_TOO_BIG, tid, "salt longer than " + Bep44.MAX_SALT_BYTES + " bytes");
        }
        if (!a.dict.has("k")) {
            return new PutImmutable(tid, id, token, new ImmutableItem(v));
        }
        byte[] salt = a.dict.has("salt") ? a.bytes("salt") : new byte[0];
        MutableItem item = new MutableItem(a.bytes("k"), salt, a.integer("seq"), v, a.bytes("sig"));
        return new PutMutable(tid, id, token, item, a.optionalInteger("cas"));
    }

    private static KrpcResponse response(Fields f, byte[] tid) {
        Fields r = f.dict("r");
        List<NodeInfo> nodes = new ArrayList<>();
        if (r.dict.has("nodes")) {
            nodes.addAll(r.compactNodes("nodes", 4));
        }
        if (r.dict.has("nodes6")) {
            nodes.addAll(r.compactNodes("nodes6", 16));
        }
        List<InetSocketAddress> values = new ArrayList<>();
        if (r.dict.has("values")) {
            for (BValue v : r.list("values")) {
                InetSocketAddress a = v instanceof BString s ? Compact.parseAddress(s.bytes()) : null;
                if (a == null) {
                    throw f.fail("values entry is not a compact peer address");
                }
                if (a.getPort() != 0) {
                    values.add(a);
                }
            }
        }
        ItemFields item = null;
        if (r.dict.has("v") || r.dict.has("seq")) {
            BValue v = r.dict.has("v") ? r.value("v") : null;
            Long seq = r.dict.has("seq") ? r.integer("seq") : null;
            item = new ItemFields(v, r.dict.has("k") ? r.bytes("k") : null, seq,
                    r.dict.has("sig") ? r.bytes("sig") : null);
        }
        InetSocketAddress observed = f.dict.has("ip") ? Compact.parseAddress(f.bytes("ip")) : null;
        return new KrpcResponse(tid, r.id("id"), nodes, r.dict.has("token") ? r.bytes("token") : null,
                values, item, observed);
    }

    private static KrpcError error(Fields f, byte[] tid) {
        List<BValue> e = f.list("e");
        if (e.size() < 2 || !(e.get(0) instanceof BInt code) || !(e.get(1) instanceof BString msg)) {
            throw f.fail("error must be [code, message]");
        }
        return new KrpcError(tid, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, code.value())),
                new String(msg.bytes(), StandardCharsets.UTF_8));
    }

    public static byte[] encode(KrpcMessage message) {
        Map<String, BValue> top = new TreeMap<>();
        top.put("t", new BString(message.tid()));
        switch (message) {
            case KrpcQuery q -> {
                top.put("y", BString.of("q"));
                top.put("q", BString.of(q.method().wire()));
                top.put("a", BDict.of(arguments(q)));
            }
            case KrpcResponse r -> {
                top.put("y", BString.of("r"));
                top.put("r", BDict.of(results(r)));
                if (r.observed() != null) {
                    top.put("ip", new BString(Compact.address(r.observed())));
                }
            }
            case KrpcError e -> {
                top.put("y", BString.of("e"));
                top.put("e", new BList(List.of(new BInt(e.code()),
                        new BString(e.message().getBytes(StandardCharsets.UTF_8)))));
            }
        }
        return Bencode.encode(BDict.of(top));
    }

    private static Map<String, BValue> arguments(KrpcQuery q) {
        Map<String, BValue> a = new TreeMap<>();
        a.put("id", new BString(q.id().bytes()));
        switch (q) {
            case Ping p -> {
            }
            case FindNode fn -> a.put("target", new BString(fn.target().bytes()));
            case GetPeers gp -> a.put("info_hash", new BString(gp.infohash().bytes()));
            case AnnouncePeer ap -> {
                a.put("info_hash", new BString(ap.infohash().bytes()));
                a.put("port", new BInt(ap.port()));
                a.put("token", new BString(ap.token()));
                if (ap.impliedPort()) {
                    a.put("implied_port", new BInt(1));
                }
            }
            case Get g -> {
                a.put("target", new BString(g.target().bytes()));
                g.seq().ifPresent(s -> a.put("seq", new BInt(s)));
            }
            case PutImmutable p -> {
                a.put("token", new BString(p.token()));
                a.put("v", p.item().value());
            }
            case PutMutable p -> {
                MutableItem it = p.item();
                a.put("token", new BString(p.token()));
                a.put("v", it.value());
                a.put("k", new BString(it.publicKey()));
                a.put("seq", new BInt(it.seq()));
                a.put("sig", new BString(it.signature()));
                if (it.salt().length > 0) {
                    a.put("salt", new BString(it.salt()));
                }
                p.cas().ifPresent(c -> a.put("cas", new BInt(c)));
            }
        }
        return a;
    }

    private static Map<String, BValue> results(KrpcResponse r) {
        Map<String, BValue> m = new TreeMap<>();
        m.put("id", new BString(r.id().bytes()));
        List<NodeInfo> v4 = r.nodes().stream().filter(n -> n.address().getAddress() instanceof Inet4Address).toList();
        List<NodeInfo> v6 = r.nodes().stream().filter(n -> !(n.address().getAddress() instanceof Inet4Address)).toList();
        if (!v4.isEmpty()) {
            m.put("nodes", new BString(Compact.nodes(v4)));
        }
        if (!v6.isEmpty()) {
            m.put("nodes6", new BString(Compact.nodes(v6)));
        }
        if (r.token() != null) {
            m.put("token", new BString(r.token()));
        }
        if (!r.values().isEmpty()) {
            m.put("values", new BList(r.values().stream().map(a -> (BValue) new BString(Compact.address(a))).toList()));
        }
        ItemFields it = r.item();
        if (it != null) {
            if (it.value() != null) {
                m.put("v", it.value());
            }
            if (it.seq() != null) {
                m.put("seq", new BInt(it.seq()));
            }
            if (it.publicKey() != null) {
                m.put("k", new BString(it.publicKey()));
                m.put("sig", new BString(it.signature()));
            }
        }
        return m;
    }

    /** Typed access to a dictionary, failing with a KRPC protocol error that names the field. */
    private record Fields(BDict dict, byte[] tid) {

        KrpcException fail(String message) {
            return new KrpcException(ErrorCode.PROTOCOL, tid, message);
        }

        BValue value(String key) {
            BValue v = dict.get(key);
            if (v == null) {
                throw fail("missing field " + key);
            }
            return v;
        }

        byte[] bytes(String key) {
            if (!(value(key) instanceof BString s)) {
                throw fail("field " + key + " is not a string");
            }
            return s.bytes();
        }

        String text(String key) {
            return new String(bytes(key), StandardCharsets.ISO_8859_1);
        }

        long integer(String key) {
            if (!(value(key) instanceof BInt i)) {
                throw fail("field " + key + " is not an integer");
            }
            return i.value();
        }

        OptionalLong optionalInteger(String key) {
            return dict.has(key) ? OptionalLong.of(integer(key)) : OptionalLong.empty();
        }

        List<BValue> list(String key) {
            if (!(value(key) instanceof BList l)) {
                throw fail("field " + key + " is not a list");
            }
            return l.items();
        }

        Fields dict(String key) {
            if (!(value(key) instanceof BDict d)) {
                throw fail("field " + key + " is not a dictionary");
            }
            return new Fields(d, tid);
        }

        NodeId id(String key) {
            byte[] b = bytes(key);
            if (b.length != NodeId.LENGTH) {
                throw fail("field " + key + " must be 20 bytes, got " + b.length);
            }
            return NodeId.of(b);
        }

        List<NodeInfo> compactNodes(String key, int ipLength) {
            try {
                return Compact.parseNodes(bytes(key), ipLength);
            } catch (IllegalArgumentException e) {
                throw fail("field " + key + ": " + e.getMessage());
            }
        }
    }
}
