package a1.dht.bench;

import a1.dht.DhtConfig;
import a1.dht.DhtNode;
import a1.dht.LocalSwarm;
import a1.dht.id.NodeId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Lookup throughput and latency in a 50-node loopback swarm (a main, not a test):
 * sequential get_peers lookups give p50/p99 latency; batches of concurrent lookups give lookups/s.
 *
 * <p>Run: {@code java -cp <test classpath> a1.dht.bench.LookupBenchmark [lookups] [concurrency]}
 */
public final class LookupBenchmark {

    private LookupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lookups = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Random random = new Random(1);
        long t0 = System.nanoTime();
        try (LocalSwarm swarm = LocalSwarm.start(50, DhtConfig.localSwarm(), 99)) {
            System.out.printf("swarm of %d nodes up in %.0f ms%n", swarm.size(), (System.nanoTime() - t0) / 1e6);
            List<NodeId> infohashes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                NodeId ih = NodeId.random(random);
                swarm.node(random.nextInt(swarm.size())).announce(ih, 30_000 + i).join();
                infohashes.add(ih);
            }
            // warm-up: JIT and routing tables
            runSequential(swarm, infohashes, lookups / 4, random);

            long[] latencies = runSequential(swarm, infohashes, lookups, random);
            Arrays.sort(latencies);
            System.out.printf("sequential: %d get_peers lookups, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    lookups, latencies[lookups / 2] / 1e6, latencies[(int) (lookups * 0.99)] / 1e6,
                    latencies[lookups - 1] / 1e6);

            long start = System.nanoTime();
            int done = 0;
            while (done < lookups) {
                List<CompletableFuture<Set<InetSocketAddress>>> batch = new ArrayList<>();
                for (int i = 0; i < concurrency && done + i < lookups; i++) {
                    DhtNode node = swarm.node(random.nextInt(swarm.size()));
                    batch.add(node.findPeers(infohashes.get(random.nextInt(infohashes.size()))));
                }
                CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
                done += batch.size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("concurrent (%d in flight): %d lookups in %.2f s = %.0f lookups/s%n",
                    concurrency, lookups, seconds, lookups / seconds);
        }
    }

    private static long[] runSequential(LocalSwarm swarm, List<NodeId> infohashes, int n, Random random) {
        long[] latencies = new long[n];
        int found = 0;
        for (int i = 0; i < n; i++) {
            DhtNode node = swarm.node(random.nextInt(swarm.size()));
            long s = System.nanoTime();
            Set<InetSocketAddress> peers = node.findPeers(infohashes.get(random.nextInt(infohashes.size()))).join();
            latencies[i] = System.nanoTime() - s;
            found += peers.isEmpty() ? 0 : 1;
        }
        System.out.printf("  %d/%d lookups found the announced peer on the first try%n", found, n);
        return latencies;
    }
}
