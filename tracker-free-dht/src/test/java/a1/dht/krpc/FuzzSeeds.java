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
import a1.dht.store.Bep44;
import a1.dht.store.Ed25519KeyPair;
import a1.dht.store.ImmutableItem;
import a1.spec.bencode.BString;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Writes the seed corpus of {@link KrpcCodecFuzzTest} with {@link KrpcCodec#encode}: one datagram per query method,
 * a response with nodes and a token, and an error. Run from the module directory:
 * {@code java -cp target/classes:target/test-classes:<deps> a1.dht.krpc.FuzzSeeds src/test/resources}.
 */
public final class FuzzSeeds {
    private FuzzSeeds() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]).resolve("a1/dht/krpc/KrpcCodecFuzzTestInputs/decodesOrRefuses");
        Files.createDirectories(dir);
        byte[] tid = {'a', 'a'}, token = "tok".getBytes(StandardCharsets.US_ASCII);
        NodeId id = NodeId.ofHex("0123456789abcdef0123456789abcdef01234567"), target = NodeId.ofHex("fedcba9876543210fedcba9876543210fedcba98");
        Ed25519KeyPair keys = Ed25519KeyPair.fromSeed(new byte[32]);
        List<KrpcMessage> messages = List.of(new Ping(tid, id), new FindNode(tid, id, target), new GetPeers(tid, id, target),
                new AnnouncePeer(tid, id, target, 6881, false, token), new Get(tid, id, target, OptionalLong.of(3)),
                new PutImmutable(tid, id, token, new ImmutableItem(BString.of("v"))),
                new PutMutable(tid, id, token, Bep44.sign(keys, "salt".getBytes(StandardCharsets.US_ASCII), 7, BString.of("hello")), OptionalLong.of(6)),
                KrpcResponse.of(tid, id).withToken(token).withNodes(List.of(new NodeInfo(target, new InetSocketAddress(InetAddress.ofLiteral("10.1.2.3"), 99)))),
                new KrpcError(tid, ErrorCode.GENERIC, "oops"));
        for (int i = 0; i < messages.size(); i++) {
            Files.write(dir.resolve(messages.get(i).getClass().getSimpleName().toLowerCase() + "-" + i), KrpcCodec.encode(messages.get(i)));
        }
    }
}
