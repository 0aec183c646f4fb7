package a1.cli.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code a1 dht} as the contract says: without a subcommand it runs a node (its own JVM here) and logs its id and
 * address; {@code announce}, {@code peers}, {@code put} and {@code get} join through it and print one result per line.
 */
class DhtCommandIT {
    private static final String INFOHASH = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void subcommandsJoinAStandaloneNodeAndPrintOneResultPerLine() throws Exception {
        try (CliProcess node = new CliProcess("dht", "--bind", "127.0.0.1", "--port", "0")) {
            String line = node.await(l -> l.contains("listening on "), 60);
            assertTrue(line.matches("node [0-9a-f]{40} listening on 127\\.0\\.0\\.1:\\d+"), line);
            String boot = line.replaceFirst(".*listening on ", "");

            CliRun announce = CliRun.of("dht", "announce", INFOHASH, "45678", "--bind", "127.0.0.1", "--bootstrap", boot);
            assertEquals(0, announce.exitCode(), announce.out() + announce.err());
            assertTrue(Integer.parseInt(announce.out().trim()) >= 1, announce.out());

            CliRun peers = CliRun.of("dht", "peers", INFOHASH, "--bind", "127.0.0.1", "--bootstrap", boot);
            assertEquals(0, peers.exitCode(), peers.err());
            assertEquals(List.of("127.0.0.1:45678"), peers.outLines());

            CliRun put = CliRun.of("dht", "put", "hello from a1", "--bind", "127.0.0.1", "--bootstrap", boot);
            assertEquals(0, put.exitCode(), put.err());
            // BEP 44: the key is SHA-1 of the bencoded value "13:hello from a1"
            assertEquals(List.of(a1.dht.id.NodeId.sha1("13:hello from a1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).hex()), put.outLines());

            CliRun get = CliRun.of("dht", "get", put.lastLine(), "--bind", "127.0.0.1", "--bootstrap", boot);
            assertEquals(0, get.exitCode(), get.err());
            assertEquals(List.of("hello from a1"), get.outLines());
        }
    }
}
