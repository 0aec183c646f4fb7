package a1.swarm.bt;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Paces block reads to a byte rate. Waiting reads take turns peer by peer, so a peer that keeps hundreds of requests
 * outstanding (Bt allows 250, 4 MiB) cannot hold another peer's blocks back for seconds; and a read whose peer has
 * disconnected by its turn is dropped at no cost, so a fetcher that dies mid-request leaves no debt on the rate
 * (before, each request booked its time on arrival and a restarted fetcher waited behind its dead predecessor's).
 *
 * @param <P> a peer, compared by identity (Bt makes one peer object per connection)
 */
final class UploadPacer<P> {
    /** Runs a task after a delay; the production one is {@link CompletableFuture#delayedExecutor}'s daemon timer. */
    interface Timer {
        void schedule(Runnable task, long delayNanos);

        Timer DAEMON = (task, delayNanos) -> CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS).execute(task);
    }

    private record Waiting(int length, CompletableFuture<Void> go) {}

    private final long bytesPerSecond;
    private final Predicate<P> connected;
    private final LongSupplier clock;
    private final Timer timer;
    private final Map<P, ArrayDeque<Waiting>> waiting = new IdentityHashMap<>();
    private final ArrayDeque<P> turns = new ArrayDeque<>();
    private long nextFreeNanos;
    private boolean releaseScheduled;

    UploadPacer(long bytesPerSecond, Predicate<P> connected) {
        this(bytesPerSecond, connected, System::nanoTime, Timer.DAEMON);
    }

    UploadPacer(long bytesPerSecond, Predicate<P> connected, LongSupplier clock, Timer timer) {
        if (bytesPerSecond <= 0) throw new IllegalArgumentException("upload rate of " + bytesPerSecond + " bytes/s");
        this.bytesPerSecond = bytesPerSecond;
        this.connected = connected;
        this.clock = clock;
        this.timer = timer;
        this.nextFreeNanos = clock.getAsLong();
    }

    /**
     * Completes when a read of {@code length} bytes for {@code peer} may start; completes exceptionally if the peer
     * has disconnected when its turn comes.
     */
    CompletableFuture<Void> turn(P peer, int length) {
        synchronized (this) {
            long now = clock.getAsLong();
            if (turns.isEmpty() && now >= nextFreeNanos) {
                book(now, length);
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> go = new CompletableFuture<>();
            ArrayDeque<Waiting> queue = waiting.computeIfAbsent(peer, p -> {
                turns.add(p);
                return new ArrayDeque<>();
            });
            queue.add(new Waiting(length, go));
            scheduleRelease(now);
            return go;
        }
    }

    private void book(long now, int length) {
        nextFreeNanos = Math.max(now, nextFreeNanos) + length * 1_000_000_000L / bytesPerSecond;
    }

    private void scheduleRelease(long now) {
        if (releaseScheduled || turns.isEmpty()) return;
        releaseScheduled = true;
        timer.schedule(this::release, Math.max(0, nextFreeNanos - now));
    }

    /** Releases the reads whose time has come, one per peer in turn; futures complete outside the lock. */
    private void release() {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        List<CompletableFuture<Void>> dropped = new ArrayList<>();
        synchronized (this) {
            releaseScheduled = false;
            long now = clock.getAsLong();
            while (!turns.isEmpty() && now >= nextFreeNanos) {
                P peer = turns.poll();
                ArrayDeque<Waiting> queue = waiting.get(peer);
                if (!connected.test(peer)) {
                    waiting.remove(peer);
                    queue.forEach(w -> dropped.add(w.go()));
                    continue;
                }
                Waiting next = queue.poll();
                book(now, next.length());
                started.add(next.go());
                if (queue.isEmpty()) waiting.remove(peer);
                else turns.add(peer);
            }
            scheduleRelease(now);
        }
        started.forEach(go -> go.complete(null));
        IOException gone = new IOException("peer disconnected before its paced read");
        dropped.forEach(go -> go.completeExceptionally(gone));
    }
}
