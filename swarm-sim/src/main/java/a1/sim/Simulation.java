package a1.sim;

import java.util.List;
import java.util.SplittableRandom;

/** Runs one swarm: a cold start, then churn and client requests, sampling the truth every second. */
public final class Simulation {
    /** Clients that gossip and send requests; requests start once the cold start is over. */
    static final int CLIENTS = 4;
    static final long REQUESTS_FROM_MILLIS = 30_000;

    private Simulation() {}

    /** A run with real Ed25519 signatures when {@code realSignatures}, else with the check's outcome (see Swarm). */
    public static RunResult run(SimParams p, boolean realSignatures) {
        long wall = System.nanoTime();
        Swarm s = new Swarm(p, realSignatures);
        s.coldStart();
        s.addClients(CLIENTS, Swarm.START + 5_000);
        long end = Swarm.START + p.seconds() * 1000L;
        new Requests(s).run(Swarm.START + requestsFrom(p), Swarm.START + requestsUntil(p));
        sample(s, end);
        s.queue.runUntil(end);
        for (Node n : s.nodes) if (n.alive) s.metrics.peerMillis += end - n.joinedAt;
        // The heap held with the swarm still reachable, after a full collection: what the run needs in memory.
        System.gc();
        s.metrics.heapBytes = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        java.lang.ref.Reference.reachabilityFence(s);
        return RunResult.of(p, s.metrics, (System.nanoTime() - wall) / 1e9);
    }

    /** Every tenth sample, the views of up to 20 serving peers (drawn from their own random stream, so runs stay the same). */
    private static void views(Swarm s, Metrics m) {
        List<Node> serving = s.nodes.stream().filter(n -> n.alive && n.serving).toList();
        SplittableRandom r = new SplittableRandom(m.samples);
        for (int i = 0; i < Math.min(20, serving.size()); i++) {
            m.viewSum += serving.get(r.nextInt(serving.size())).state.peers().size();
            m.liveSum += serving.size();
        }
    }

    /** Requests start once the cold start is over: at 30 s, or a third into a run shorter than a minute. */
    static long requestsFrom(SimParams p) {
        return p.seconds() >= 60 ? REQUESTS_FROM_MILLIS : p.seconds() * 1000L / 3;
    }

    /** The last arrivals leave time to finish: a minute, or a quarter of a short run. */
    static long requestsUntil(SimParams p) {
        return p.seconds() * 1000L - Math.min(60_000, p.seconds() * 250L);
    }

    private static void sample(Swarm s, long end) {
        if (s.queue.now() >= end) return;
        boolean covered = s.covered();
        Metrics m = s.metrics;
        if (covered && m.coveredAt < 0) m.coveredAt = s.queue.now() - Swarm.START;
        if (m.coveredAt >= 0) {
            m.samples++;
            if (covered) m.coveredSamples++;
            m.bottleneckSum += s.bottleneck();
            if (m.samples % 10 == 1) views(s, m);
        }
        s.queue.after(s.metrics.coveredAt < 0 ? 100 : 1_000, () -> sample(s, end));
    }
}
