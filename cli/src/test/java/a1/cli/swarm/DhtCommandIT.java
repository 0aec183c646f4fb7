package a1.cli.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.id.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}
