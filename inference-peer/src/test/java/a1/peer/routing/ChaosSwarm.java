package a1.peer.routing;

import a1.peer.generate.Generator;
import a1.peer.gossip.GossipService;
import a1.peer.gossip.GossipState;
import a1.peer.node.PeerNode;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.peer.sampling.Sampler;
import a1.spec.manifest.InfoHash;
import a1.spec.manifest.ModelId;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import a1.swarm.Discovery;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A chaos run: peer processes serve fixed ranges, each range by two of them; clients (each its own
 * {@link SwarmClient} with gossip) run greedy generations of the golden prompts in parallel, while a driver kills
 * (kill -9) a random peer whose range has another live peer and restarts it (a new process, new identity) a moment
 * later. Every generation must equal the golden ids (a prefix of {@code tokens}) or fail with a
 * {@link SwarmRetryException}, within {@code generationTimeoutSeconds}.
 */
final class ChaosSwarm {
    /** What happened. {@code wrong} and {@code unclear} (another exception, or a hang) must stay empty. */
    record Outcome(int ok, int retriable, int kills, int restarts, List<String> wrong, List<String> unclear, List<String> retriableReasons, List<Double> seconds) {
        @Override
        public String toString() {
            List<Double> s = seconds.stream().sorted().toList();
            return "completions ok " + ok + ", retriable failures " + retriable + ", kills " + kills + ", restarts " + restarts
                    + ", wrong " + wrong.size() + ", unclear " + unclear.size()
                    + String.format(", seconds per generation: median %.1f, max %.1f", s.get(s.size() / 2), s.getLast());
        }
    }

    private final Path model;
    private final List<String> ranges;
    private final List<GoldenRun> golden;
    private final Random random = new Random(42);
    private final List<PeerProcess> alive = new ArrayList<>();
    private final List<PeerProcess> all = new ArrayList<>();

    ChaosSwarm(Path model, List<String> ranges, List<GoldenRun> golden) {
        this.model = model;
        this.ranges = ranges;
        this.golden = golden;
    }

    /**
     * Runs {@code generations} generations of {@code tokens} tokens on {@code clients} clients at once, killing a peer
     * every {@code killEveryMillis} (random, 0.5x to 1.5x) and restarting it {@code restartAfterMillis} later (in the
     * background: a JVM takes seconds to start on a loaded machine).
     */
    Outcome run(int clients, int generations, int tokens, long killEveryMillis, long restartAfterMillis, long generationTimeoutSeconds) throws Exception {
        try {
            long t0 = System.nanoTime();
            startPeers();
            long t1 = System.nanoTime();
            List<InetSocketAddress> seeds = alive.stream().map(p -> p.info.address()).toList();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger ok = new AtomicInteger(), retriable = new AtomicInteger();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>(), unclear = new ConcurrentLinkedQueue<>(), reasons = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Double> seconds = new ConcurrentLinkedQueue<>();
            ExecutorService workers = Executors.newFixedThreadPool(clients);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(workers.submit(() -> {
                    try (Client client = new Client(seeds)) {
                        for (int i; (i = next.getAndIncrement()) < generations; ) {
                            GoldenRun g = golden.get(i % golden.size());
                            long t = System.nanoTime();
                            String result = client.generate(g, tokens, generationTimeoutSeconds);
                            seconds.add((System.nanoTime() - t) / 1e9);
                            switch (result) {
                                case "ok" -> ok.incrementAndGet();
                                case String s when s.startsWith("retriable") -> {
                                    retriable.incrementAndGet();
                                    reasons.add(s);
                                }
                                case String s when s.startsWith("wrong") -> wrong.add("generation " + i + ": " + s);
                                default -> unclear.add("generation " + i + ": " + result);
                            }
                        }
                    }
                    return null;
                }));
            }
            workers.shutdown();
            ExecutorService restarter = Executors.newCachedThreadPool();
            List<Future<Boolean>> restarts = new ArrayList<>();
            int kills = 0;
            while (!workers.awaitTermination((long) (killEveryMillis * (0.5 + random.nextDouble())), TimeUnit.MILLISECONDS)) {
                Optional<PeerProcess> victim = victim();
                if (victim.isEmpty()) continue;
                String range = victim.get().info.range().toString();
                victim.get().kill9();
                synchronized (this) {
                    alive.remove(victim.get());
                }
                kills++;
                restarts.add(restarter.submit(() -> {
                    Thread.sleep(restartAfterMillis);
                    try {
                        start(range);
                        return true;
                    } catch (InterruptedException e) {
                        return false;
                    } catch (AssertionError e) {
                        System.out.println("CHAOS restart of a " + range + " peer failed: " + e.getMessage());
                        return false;
                    }
                }));
            }
            restarter.shutdownNow(); // a peer still starting is stopped (PeerProcess kills it when interrupted)
            restarter.awaitTermination(30, TimeUnit.SECONDS);
            int restarted = 0;
            for (Future<Boolean> f : restarts) if (f.isDone() && !f.isCancelled() && f.state() == Future.State.SUCCESS && f.resultNow()) restarted++;
            System.out.printf("CHAOS: peers up in %.1f s, generations took %.1f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
            for (Future<?> f : running) f.get();
            return new Outcome(ok.get(), retriable.get(), kills, restarted, List.copyOf(wrong), List.copyOf(unclear), List.copyOf(reasons), List.copyOf(seconds));
        } finally {
            for (PeerProcess p : all) p.close();
        }
    }

    private void startPeers() throws Exception {
        start(ranges.getFirst());
        ExecutorService starter = Executors.newFixedThreadPool(ranges.size());
        List<Future<PeerProcess>> started = new ArrayList<>();
        String seed = String.valueOf(alive.getFirst().port());
        for (String r : ranges.subList(1, ranges.size())) started.add(starter.submit(() -> new PeerProcess(model, r, seed)));
        starter.shutdown();
        for (Future<PeerProcess> f : started) add(f.get());
    }

    private void start(String range) throws Exception {
        String[] seeds;
        synchronized (this) {
            seeds = alive.stream().map(p -> String.valueOf(p.port())).toArray(String[]::new);
        }
        add(new PeerProcess(model, range, seeds));
    }

    private synchronized void add(PeerProcess p) {
        alive.add(p);
        all.add(p);
    }

    /** A random live peer whose range another live peer also serves, so no layer is left without a peer. */
    private synchronized Optional<PeerProcess> victim() {
        List<PeerProcess> candidates = alive.stream()
                .filter(p -> alive.stream().anyMatch(q -> q != p && q.info.range().equals(p.info.range()))).toList();
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }

    /**
     * What the DHT gives a client in production: the addresses of peers that announced themselves lately. Without
     * it, a client whose bootstrap peers were all killed, and whose gossip view emptied while the machine was too
     * loaded to gossip, would never find the swarm again.
     */
    private final class LiveRegistry implements Discovery {
        @Override
        public void announce(InfoHash infoHash, int port) {}

        @Override
        public List<InetSocketAddress> findPeers(InfoHash infoHash) {
            synchronized (ChaosSwarm.this) {
                return alive.stream().map(p -> p.info.address()).toList();
            }
        }

        @Override
        public void publishManifest(byte[] signedManifest) {
            throw new UnsupportedOperationException("chaos runs publish no manifest");
        }

        @Override
        public Optional<byte[]> resolveManifest(ModelId id) {
            throw new UnsupportedOperationException("chaos runs resolve no manifest");
        }
    }

    /** One client: its own gossip view of the swarm, connections and banned list. */
    private final class Client implements AutoCloseable {
        private final PeerConnector gossipLink = new PeerConnector(PeerIdentity.generate(), RelayConfig.defaults(), 2_000);
        private final GossipService gossip;
        private final SwarmClient client;
        private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chaos-generation");
            t.setDaemon(true);
            return t;
        });

        Client(List<InetSocketAddress> seeds) throws Exception {
            String modelId = PeerNode.localModelId(model);
            GossipState state = new GossipState(modelId, 5, 10_000, System::currentTimeMillis);
            gossip = new GossipService(state, Optional::empty, gossipLink, seeds, new LiveRegistry());
            gossip.round();
            gossip.start(300);
            client = SwarmClient.open(model, modelId, state, PeerIdentity.generate(), RelayConfig.defaults(), 5_000, 15_000, Verification.DEFAULT, 1);
        }

        /** "ok", "wrong: ...", "retriable: ..." or anything else for an unclear end (another exception, a hang). */
        String generate(GoldenRun g, int tokens, long timeoutSeconds) {
            int[] expected = Arrays.copyOf(g.generatedIds(), tokens);
            AtomicInteger produced = new AtomicInteger();
            AtomicReference<SwarmSession> session = new AtomicReference<>();
            Future<int[]> f = runner.submit(() -> {
                try (SwarmSession s = client.newSession(g.promptIds().length + tokens + 8, CacheType.F16, Encoding.F32)) {
                    session.set(s);
                    return Generator.generate(s, g.promptIds(), tokens, Sampler.greedy(), t -> false, t -> produced.incrementAndGet()).tokens();
                }
            });
            try {
                int[] got = f.get(timeoutSeconds, TimeUnit.SECONDS);
                return Arrays.equals(expected, got) ? "ok" : "wrong: " + g + " gave " + Arrays.toString(got);
            } catch (TimeoutException e) {
                f.cancel(true);
                // Tokens and failovers so far tell a stalled generation (none) from one slowed by churn and load.
                SwarmSession s = session.get();
                return "hung for " + timeoutSeconds + " s after " + produced.get() + " of " + tokens + " tokens and "
                        + (s == null ? 0 : s.failovers()) + " failovers: " + g;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            } catch (java.util.concurrent.ExecutionException e) {
                return e.getCause() instanceof SwarmRetryException r ? "retriable: " + r.getMessage() : "failed: " + e.getCause();
            }
        }

        @Override
        public void close() {
            runner.shutdownNow();
            gossip.close();
            client.close();
            gossipLink.close();
            if (!client.banned().isEmpty()) throw new AssertionError("honest peers were banned: " + client.banned());
        }
    }
}
