package a1.cli.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.id.NodeId;
import a1.dht.store.Bep44;
import a1.spec.sign.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code a1 dht} as the contract says: without a subcommand it runs a node (its own JVM here) and logs its id and
 * address; {@code announce}, {@code peers}, {@code put}, {@code get} and {@code status} join through it and print one
 * result per line.
 */
class DhtCommandIT {
    private static final String INFOHASH = "0123456789abcdef0123456789abcdef01234567";

    private static CliProcess node;
    private static String nodeId;
    private static String boot;

    @BeforeAll
    static void startNode() throws Exception {
        node = new CliProcess("dht", "--bind", "127.0.0.1", "--port", "0");
        String line = node.await(l -> l.contains("listening on "), 60);
        assertTrue(line.matches("node [0-9a-f]{40} listening on 127\\.0\\.0\\.1:\\d+"), line);
        nodeId = line.substring("node ".length(), "node ".length() + 40);
        boot = line.replaceFirst(".*listening on ", "");
    }

    @AfterAll
    static void stopNode() throws InterruptedException {
        if (node != null) node.close();
    }

    private static CliRun dht(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "dht";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(new String[] {"--bind", "127.0.0.1", "--bootstrap", boot}, 0, all, args.length + 1, 4);
        return CliRun.of(all);
    }

    @Test
    void subcommandsJoinAStandaloneNodeAndPrintOneResultPerLine() {
        CliRun announce = dht("announce", INFOHASH, "45678");
        assertEquals(0, announce.exitCode(), announce.out() + announce.err());
        assertTrue(Integer.parseInt(announce.out().trim()) >= 1, announce.out());

        CliRun peers = dht("peers", INFOHASH);
        assertEquals(0, peers.exitCode(), peers.err());
        assertEquals(List.of("127.0.0.1:45678"), peers.outLines());

        CliRun put = dht("put", "hello from a1");
        assertEquals(0, put.exitCode(), put.err());
        // BEP 44: the key is SHA-1 of the bencoded value "13:hello from a1"
        assertEquals(List.of(NodeId.sha1("13:hello from a1".getBytes(StandardCharsets.US_ASCII)).hex()), put.outLines());

        CliRun get = dht("get", put.lastLine());
        assertEquals(0, get.exitCode(), get.err());
        assertEquals(List.of("hello from a1"), get.outLines());
    }

    @Test
    void statusPrintsTheNodeAndItsRoutingTable() {
        CliRun status = dht("status");
        assertEquals(0, status.exitCode(), status.err());
        List<String> lines = status.outLines();
        String head = lines.getFirst();
        assertTrue(head.matches("node [0-9a-f]{40} on 127\\.0\\.0\\.1:\\d+, \\d+ contacts"), head);
        int contacts = Integer.parseInt(head.replaceFirst(".*, (\\d+) contacts", "$1"));
        assertTrue(contacts >= 1, head);
        assertEquals(contacts, lines.size() - 1, "one line per contact: " + lines);
        // the standalone node it joined through: bucket, id, HOST:PORT, last seen
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s*\\d+  " + nodeId + "  " + boot.replace(".", "\\.") + "\\s+\\S+")),
                "no routing entry for " + nodeId + " at " + boot + ": " + lines);
    }

    @Test
    void mutableItemsArePutWithAKeyFileAndReadByPublicKey(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("publisher.key");
        CliRun keygen = CliRun.of("keygen", "--out", keyFile.toString());
        assertEquals(0, keygen.exitCode(), keygen.err());
        byte[] publicKey = SigningKey.load(keyFile).publicKey();
        String publicHex = HexFormat.of().formatHex(publicKey);
        String target = Bep44.mutableTarget(publicKey, "notes".getBytes(StandardCharsets.UTF_8)).hex();

        CliRun first = dht("put", "--key", keyFile.toString(), "--salt", "notes", "first words");
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(List.of(target), first.outLines());
        assertTrue(first.err().startsWith("seq 0 stored on "), first.err()); // a new item starts at seq 0

        CliRun second = dht("put", "--key", keyFile.toString(), "--salt", "notes", "--seq", "7", "second words");
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(List.of(target), second.outLines());

        CliRun get = dht("get", "--public-key", publicHex, "--salt", "notes");
        assertEquals(0, get.exitCode(), get.err());
        assertEquals(List.of("7 second words"), get.outLines());

        CliRun stale = dht("put", "--key", keyFile.toString(), "--salt", "notes", "--seq", "3", "old words");
        assertEquals(1, stale.exitCode(), stale.out() + stale.err());
        assertEquals(List.of("a1 dht put: seq 3 is stale: the DHT holds seq 7 for this key; give --seq 8 or more"),
                stale.err().lines().toList());
        assertEquals(List.of("7 second words"), dht("get", "--public-key", publicHex, "--salt", "notes").outLines());

        CliRun unsalted = dht("get", "--public-key", publicHex);
        assertEquals(1, unsalted.exitCode(), "no item was put without salt: " + unsalted.out());

        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        CliRun readable = dht("put", "--key", keyFile.toString(), "--salt", "notes", "--seq", "9", "x");
        assertEquals(1, readable.exitCode());
        assertTrue(readable.err().contains("readable by its owner only"), readable.err());
        assertTrue(readable.err().lines().count() == 1, readable.err());
    }
}
