package a1.cli.progress;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on a terminal, redrawn in place: label, bar, percent, done/total, rate, ETA and an optional
 * detail (a fetch's peer count), like aria2c and curl. Silent when the output is not a terminal, so logs and pipes stay clean. Thread-safe: download
 * workers may report from several threads.
 */
public final class ProgressBar implements AutoCloseable {
    private static final long REDRAW_NANOS = 100_000_000L; // 10 redraws a second are smooth and cost nothing
    private static final int BAR_WIDTH = 24;

    private final String label;
    private final long total;
    private final Unit unit;
    private final PrintStream out;
    private final boolean live;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long done;
    private String detail = "";
    private long lastDrawNanos;
    private boolean closed;

    /** How amounts print: bytes in binary units (KiB, MiB, GiB) or plain counts (tokens, pieces). */
    public enum Unit { BYTES, COUNT }

    public ProgressBar(String label, long total, Unit unit, PrintStream out, boolean live, LongSupplier nanoClock) {
        if (total < 0) throw new IllegalArgumentException("progress total must be >= 0, not " + total);
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.out = out;
        this.live = live;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastDrawNanos = startNanos - REDRAW_NANOS;
    }

    /** A bar on stderr, drawn only when the process is attached to a terminal. */
    public static ProgressBar onStderr(String label, long total, Unit unit) {
        return new ProgressBar(label, total, unit, System.err, isTerminal(), System::nanoTime);
    }

    /** True when stdin and stdout are a terminal (Java cannot ask about stderr alone; a redirected stdout means a script). */
    public static boolean isTerminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    /** Sets the amount done so far. */
    public synchronized void update(long doneSoFar) {
        update(doneSoFar, detail);
    }

    /** Sets the amount done so far and the detail shown after the ETA. */
    public synchronized void update(long doneSoFar, String detail) {
        this.detail = detail;
        done = Math.max(0, Math.min(doneSoFar, total));
        long now = nanoClock.getAsLong();
        if (live && !closed && (now - lastDrawNanos >= REDRAW_NANOS || done == total)) {
            lastDrawNanos = now;
            out.print("\r" + line(now) + "\u001b[K");
            out.flush();
        }
    }

    /** Adds {@code amount} to what is done. */
    public synchronized void add(long amount) {
        update(done + amount);
    }

    /** Draws the final state and ends the line. */
    @Override
    public synchronized void close() {
        if (closed) return;
        if (live) {
            out.print("\r" + line(nanoClock.getAsLong()) + "\u001b[K\n");
            out.flush();
        }
        closed = true;
    }

    /** The text of the bar at time {@code now}; package-visible for tests. */
    synchronized String line(long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = done / seconds;
        int filled = total == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * done / total);
        String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
        int percent = total == 0 ? 100 : (int) (100 * done / total);
        String eta = done == total ? "done" : rate <= 0 ? "ETA --:--" : "ETA " + duration((total - done) / rate);
        return String.format("%s [%s] %3d%% %s/%s %s/s %s%s", label, bar, percent, amount(done), amount(total), amount((long) rate), eta,
                detail.isEmpty() ? "" : " " + detail);
    }

    private String amount(long n) {
        if (unit == Unit.COUNT) return Long.toString(n);
        if (n < 1024) return n + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format("%.1f %s", v, units[i]);
    }

    static String duration(double seconds) {
        long s = (long) Math.ceil(seconds);
        if (s >= 3600) return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
