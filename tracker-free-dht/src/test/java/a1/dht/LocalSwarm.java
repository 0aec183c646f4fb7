package a1.dht;

import a1.dht.id.NodeId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** Test fixture: n DHT nodes on a loopback address in this JVM, each bootstrapped from a few earlier ones. */
public final class LocalSwarm implements AutoCloseable {

    public static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    private final List<DhtNode> nodes = new ArrayList<>();

    private LocalSwarm() {
    }

    /** Starts the nodes on 127.0.0.1 with seeded ids; node i bootstraps from up to three earlier nodes. */
    public static LocalSwarm start(int size, DhtConfig config, long seed) throws IOException {
        return start(size, config, seed, LOOPBACK);
    }

    /** As {@link #start(int, DhtConfig, long)} on the given loopback address (e.g. ::1). */
    public static LocalSwarm start(int size, DhtConfig config, long seed, InetAddress bind) throws IOException {
        LocalSwarm swarm = new LocalSwarm();
        Random random = new Random(seed);
        try {
            for (int i = 0; i < size; i++) {
                List<InetSocketAddress> boot = new ArrayList<>();
                for (int j = 0; j < Math.min(3, i); j++) {
                    boot.add(swarm.nodes.get(random.nextInt(i)).localAddress());
                }
                swarm.nodes.add(DhtNode.start(bind, 0, boot, config, NodeId.random(random)));
            }
            // A second round of bootstrap lets early nodes learn about the ones that came after them.
            CompletableFuture.allOf(swarm.nodes.stream().map(DhtNode::bootstrapped).toArray(CompletableFuture[]::new))
                    .join();
            CompletableFuture.allOf(swarm.nodes.stream().map(DhtNode::refresh)
                    .toArray(CompletableFuture[]::new)).join();
        } catch (IOException | RuntimeException e) {
            swarm.close();
            throw e;
        }
        return swarm;
    }

    public List<DhtNode> nodes() {
        return nodes;
    }

    public DhtNode node(int i) {
        return nodes.get(i);
    }

    public int size() {
        return nodes.size();
    }

    @Override
    public void close() {
        nodes.forEach(DhtNode::close);
    }
}
