package a1.swarm.bt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The pacer in virtual time: a fake clock and a timer that runs its tasks only when the test advances the clock. */
class UploadPacerTest {
    private static final int BLOCK = 16384;
    /** One block per millisecond. */
    private static final long RATE = BLOCK * 1000L;
    private static final long BLOCK_NANOS = 1_000_000;

    private record Task(long at, long order, Runnable run) {}

    private long now;
    private long scheduled;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private final Set<String> gone = new HashSet<>();
    private final List<String> started = new ArrayList<>();
    private final UploadPacer<String> pacer = new UploadPacer<>(RATE, peer -> !gone.contains(peer), () -> now,
            (task, delay) -> tasks.add(new Task(now + delay, scheduled++, task)));

    @Test
    void readsAreSpacedByTheirShareOfTheRate() {
        for (int i = 0; i < 4; i++) request("a");
        assertEquals(List.of("a"), started, "the first read of an idle pacer starts at once");
        runUntil(2 * BLOCK_NANOS);
        assertEquals(3, started.size());
        runUntil(10 * BLOCK_NANOS);
        assertEquals(4, started.size());
    }

    @Test
    void peersTakeTurnsSoOnePipelineCannotHoldAnotherBack() {
        for (int i = 0; i < 250; i++) request("greedy");
        for (int i = 0; i < 3; i++) request("late");
        runUntil(6 * BLOCK_NANOS);
        assertEquals(List.of("greedy", "greedy", "late", "greedy", "late", "greedy", "late"), started);
    }

    @Test
    void theWaitingReadsOfAPeerThatDisconnectedFailAndCostNoTime() {
        List<CompletableFuture<Void>> dead = new ArrayList<>();
        for (int i = 0; i < 250; i++) dead.add(request("killed"));
        gone.add("killed");
        request("restarted");
        runUntil(BLOCK_NANOS);
        assertEquals(List.of("killed", "restarted"), started, "the restarted fetcher's read starts in the next slot, not 249 slots later");
        assertTrue(dead.stream().skip(1).allMatch(CompletableFuture::isCompletedExceptionally), "every waiting read of the gone peer is dropped");
    }

    @Test
    void anIdlePacerDoesNotSaveUpABurst() {
        request("a");
        runUntil(100 * BLOCK_NANOS);
        request("a");
        request("a");
        assertEquals(2, started.size(), "after idling, one read starts at once and the next waits its turn");
        runUntil(101 * BLOCK_NANOS);
        assertEquals(3, started.size());
    }

    private CompletableFuture<Void> request(String peer) {
        CompletableFuture<Void> go = pacer.turn(peer, BLOCK);
        go.thenRun(() -> started.add(peer));
        return go;
    }

    private void runUntil(long time) {
        while (!tasks.isEmpty() && tasks.peek().at <= time) {
            Task t = tasks.poll();
            now = t.at;
            t.run.run();
        }
        now = time;
    }
}
