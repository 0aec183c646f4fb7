package a1.swarm.dht;

import a1.dht.DhtConfig;
import a1.dht.DhtNode;
import a1.dht.id.NodeId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** Test fixture: {@code size} DHT nodes on 127.0.0.1 in this JVM, each bootstrapped from up to three earlier ones. */
final class DhtTestSwarm implements AutoCloseable {
    private final List<DhtNode> nodes = new ArrayList<>();

    static DhtTestSwarm start(int size, long seed) throws IOException {
        DhtTestSwarm swarm = new DhtTestSwarm();
        Random random = new Random(seed);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try {
            for (int i = 0; i < size; i++) {
                List<InetSocketAddress> boot = new ArrayList<>();
                for (int j = 0; j < Math.min(3, i); j++) boot.add(swarm.nodes.get(random.nextInt(i)).localAddress());
                swarm.nodes.add(DhtNode.start(loopback, 0, boot, DhtConfig.localSwarm(), NodeId.random(random)));
            }
            CompletableFuture.allOf(swarm.nodes.stream().map(DhtNode::bootstrapped).toArray(CompletableFuture[]::new)).join();
            // a second round lets the early nodes learn about the later ones
            CompletableFuture.allOf(swarm.nodes.stream().map(DhtNode::refresh).toArray(CompletableFuture[]::new)).join();
        } catch (IOException | RuntimeException e) {
            swarm.close();
            throw e;
        }
        return swarm;
    }

    DhtNode node(int i) {
        return nodes.get(i);
    }

    @Override
    public void close() {
        nodes.forEach(DhtNode::close);
    }
}
