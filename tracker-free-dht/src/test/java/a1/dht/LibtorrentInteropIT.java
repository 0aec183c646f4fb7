package a1.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.id.NodeId;
import a1.dht.store.Ed25519KeyPair;
import a1.dht.store.MutableItem;
import a1.spec.bencode.BString;
import a1.spec.bencode.Bencode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with libtorrent's DHT (python3-libtorrent, loopback only): a libtorrent node bootstraps
 * from an A1 swarm, and peers and BEP 44 items cross between the two implementations both ways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LibtorrentInteropIT {

    private static final HexFormat HEX = HexFormat.of();

    private LocalSwarm swarm;
    private LibtorrentProcess libtorrent;
    private final Random random = new Random(11);

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        swarm = LocalSwarm.start(8, DhtConfig.localSwarm(), 5);
        InetSocketAddress boot = swarm.node(0).localAddress();
        libtorrent = LibtorrentProcess.start("127.0.0.1:" + boot.getPort(), work);
        String boot2 = libtorrent.command("bootstrap", 40);
        assertTrue(boot2.startsWith("bootstrapped") && !boot2.equals("bootstrapped 0"), boot2);
        // Let the A1 nodes learn the libtorrent node through node 0.
        for (DhtNode n : swarm.nodes()) {
            n.refresh().join();
        }
    }

    @AfterAll
    void stop() {
        if (libtorrent != null) {
            libtorrent.close();
        }
        if (swarm != null) {
            swarm.close();
        }
    }

    @Test
    void libtorrentFindsPeerAnnouncedThroughA1() throws Exception {
        NodeId infohash = NodeId.random(random);
        assertTrue(swarm.node(3).announce(infohash, 41_000).join() > 0);
        String reply = libtorrent.command("get_peers " + infohash.hex(), 40);
        assertTrue(reply.startsWith("peers"), reply);
        assertTrue(Set.of(reply.substring(5).trim().split(" ")).contains("127.0.0.1:41000"), reply);
    }

    @Test
    void a1FindsPeerAnnouncedByLibtorrent() throws Exception {
        NodeId infohash = NodeId.random(random);
        String reply = libtorrent.command("announce " + infohash.hex(), 40);
        assertTrue(reply.startsWith("announcing "), reply);
        InetSocketAddress expected = new InetSocketAddress(LocalSwarm.LOOPBACK,
                Integer.parseInt(reply.substring("announcing ".length()).trim()));
        DhtNode seeker = swarm.node(6);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        Set<InetSocketAddress> peers = Set.of();
        while (!peers.contains(expected) && System.nanoTime() < deadline) {
            // libtorrent announces asynchronously; poll until its announce_peer has landed.
            Thread.sleep(500);
            peers = seeker.findPeers(infohash).join();
        }
        assertTrue(peers.contains(expected), "A1 never saw libtorrent's announce; found " + peers);
    }

    @Test
    void immutableItemPutByA1IsReadByLibtorrent() throws Exception {
        byte[] value = "a1 manifest for libtorrent".getBytes(StandardCharsets.UTF_8);
        NodeId key = swarm.node(2).putImmutable(value).join();
        String reply = libtorrent.command("get_immutable " + key.hex(), 40);
        assertEquals("item " + HEX.formatHex(Bencode.encode(new BString(value))), reply);
    }

    @Test
    void immutableItemPutByLibtorrentIsReadByA1() throws Exception {
        byte[] value = "libtorrent item for a1".getBytes(StandardCharsets.UTF_8);
        String reply = libtorrent.command("put_immutable " + HEX.formatHex(value), 40);
        String[] parts = reply.split(" ");
        assertEquals("put", parts[0], reply);
        assertTrue(Integer.parseInt(parts[2]) > 0, "libtorrent stored on no node: " + reply);
        NodeId key = NodeId.ofHex(parts[1]);
        Optional<byte[]> got = swarm.node(5).getImmutable(key).join();
        assertTrue(got.isPresent(), "A1 could not read libtorrent's item " + key);
        assertEquals("libtorrent item for a1", new String(got.get(), StandardCharsets.UTF_8));
    }

    @Test
    void mutableItemsCrossBothWaysWithSignaturesChecked() throws Exception {
        Ed25519KeyPair keys = Ed25519KeyPair.generate(new SecureRandom());
        byte[] salt = "interop".getBytes(StandardCharsets.UTF_8);
        byte[] first = "signed by a1".getBytes(StandardCharsets.UTF_8);
        assertTrue(swarm.node(1).putMutable(keys, salt, first, 1, OptionalLong.empty()).join() > 0);

        String got = libtorrent.command("get_mutable " + HEX.formatHex(keys.publicKey()) + " " + HEX.formatHex(salt), 40);
        assertEquals("mutable 1 " + HEX.formatHex(Bencode.encode(new BString(first))), got);

        // libtorrent signs the next version (seq 2) with the same key; A1 verifies it with BouncyCastle.
        byte[] second = "signed by libtorrent".getBytes(StandardCharsets.UTF_8);
        String put = libtorrent.command("put_mutable " + HEX.formatHex(keys.publicKey()) + " "
                + HEX.formatHex(libtorrentSecretKey(keys.seed())) + " " + HEX.formatHex(salt) + " "
                + HEX.formatHex(second), 40);
        assertTrue(put.startsWith("put_mutable 2 "), put);
        Optional<MutableItem> item = swarm.node(7).getMutable(keys.publicKey(), salt).join();
        assertTrue(item.isPresent(), "A1 could not read libtorrent's mutable item");
        assertEquals(2, item.get().seq());
        assertEquals(new BString(second), item.get().value());
    }

    /** libtorrent's 64-byte Ed25519 secret key: SHA-512 of the seed with the RFC 8032 clamping applied. */
    private static byte[] libtorrentSecretKey(byte[] seed) throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-512").digest(seed);
        h[0] &= (byte) 248;
        h[31] &= 63;
        h[31] |= 64;
        return h;
    }
}
