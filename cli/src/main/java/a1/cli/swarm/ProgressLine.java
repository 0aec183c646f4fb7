package a1.cli.swarm;

import a1.swarm.FetchProgress;
import a1.swarm.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line fetch progress on stderr, redrawn in place at most twice a second, and only when stderr is a terminal
 * (scripts and logs get no carriage returns). A stand-in until the cli's progress renderer lands.
 */
final class ProgressLine implements ProgressListener {
    private final PrintStream err = System.err;
    private final boolean enabled = System.console() != null;
    private long lastDraw;

    @Override
    public void progress(FetchProgress p) {
        long now = System.nanoTime();
        if (!enabled || now - lastDraw < 500_000_000L) return;
        lastDraw = now;
        String eta = p.eta().map(ProgressLine::clock).orElse("--:--");
        err.printf("\r%s / %s  %s/s  %d peers  %d/%d shards  ETA %s   ", mb(p.verifiedBytes()), mb(p.wantedBytes()), mb((long) p.rate()),
                p.peers(), p.shardsVerified(), p.shardsWanted(), eta);
        err.flush();
    }

    @Override
    public void peerBanned(String peer, String reason) {
        err.println((enabled ? "\r" : "") + "banned peer " + peer + ": " + reason);
    }

    /** Ends the line so later output starts on a fresh one. */
    void finish() {
        if (enabled && lastDraw != 0) err.println();
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }

    private static String clock(Duration d) {
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
