package a1.swarm.dht;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.dht.DhtConfig;
import a1.dht.DhtNode;
import a1.spec.manifest.ShardEntry;
import a1.swarm.ModelDir;
import a1.swarm.PublishedModel;
import a1.swarm.Publisher;
import a1.swarm.Seeder;
import a1.swarm.SwarmOptions;
import a1.swarm.TestModels;
import a1.swarm.bt.BtBackend;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standard BitTorrent client finds an A1 seeder through the DHT alone: aria2c (Debian package aria2) gets the
 * .torrent A1 wrote (no tracker in it), joins a loopback DHT through one A1 node, looks up the info-hash the A1 seeder
 * announced, and downloads the shards; the bytes match. Local peer discovery and peer exchange are off.
 */
class Aria2InteropIT {
    private static final String ARIA2C = "/usr/bin/aria2c";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path tmp;

    @Test
    void aria2DownloadsFromAnA1SeederFoundInTheDht() throws Exception {
        PublishedModel pub = Publisher.publish(TestModels.shared("stories260K-q8_0.gguf"), TestModels.newKey(tmp), tmp.resolve("pub"));
        try (DhtNode entry = DhtNode.start(LOOPBACK, 0, List.of(), DhtConfig.localSwarm());
             DhtNode seederNode = DhtNode.start(LOOPBACK, 0, List.of(entry.localAddress()), DhtConfig.localSwarm());
             DhtDiscovery discovery = new DhtDiscovery(seederNode);
             Seeder seeder = new Seeder(new BtBackend(), discovery, SwarmOptions.loopback())) {
            seederNode.bootstrapped().join();
            seeder.seed(pub.dir());
            Path out = Files.createDirectory(tmp.resolve("aria2"));
            Process aria2 = new ProcessBuilder(ARIA2C, "--no-conf=true", "--dir=" + out, "--interface=127.0.0.1", "--disable-ipv6=true",
                    "--enable-dht=true", "--dht-entry-point=" + hostPort(entry.localAddress()), "--dht-listen-port=" + freeUdpPort(),
                    "--dht-file-path=" + tmp.resolve("dht.dat"), "--listen-port=" + freeTcpPort(),
                    "--bt-enable-lpd=false", "--enable-peer-exchange=false", "--bt-require-crypto=false", "--seed-time=0",
                    "--bt-stop-timeout=90", "--summary-interval=0", "--console-log-level=warn",
                    pub.dir().resolve(ModelDir.TORRENT).toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("aria2.log").toFile()).start();
            try {
                if (!aria2.waitFor(150, TimeUnit.SECONDS)) throw new AssertionError("aria2c did not finish: " + log());
                assertEquals(0, aria2.exitValue(), this::log);
            } finally {
                aria2.destroyForcibly().waitFor();
            }
            Path got = out.resolve(pub.manifest().manifest().torrentName());
            for (ShardEntry s : pub.manifest().manifest().shards()) {
                assertArrayEquals(Files.readAllBytes(pub.dir().resolve(s.file())), Files.readAllBytes(got.resolve(s.file())), s.file());
            }
        }
    }

    private String log() {
        try {
            return Files.readString(tmp.resolve("aria2.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            return s.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }
}
