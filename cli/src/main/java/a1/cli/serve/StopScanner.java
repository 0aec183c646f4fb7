package a1.cli.serve;

import java.util.List;
import java.util.function.Consumer;

/**
 * Passes generated text on as it comes, except text that may be the start of a stop sequence: that is held back
 * until the next piece shows whether the stop sequence follows. Generation stops at the first stop sequence to be
 * completed (the earliest end; at equal ends, the longest), however the text was split into pieces; the stop
 * sequence and what follows never reach the sink, so streamed and non-streamed completions end alike.
 */
final class StopScanner {
    private final List<String> stops;
    private final Consumer<String> sink;
    private final StringBuilder held = new StringBuilder();
    private final StringBuilder emitted = new StringBuilder();
    private boolean stopped;

    StopScanner(List<String> stops, Consumer<String> sink) {
        this.stops = stops;
        this.sink = sink;
    }

    /** Adds generated text; returns true when a stop sequence has appeared (generation should end). */
    boolean offer(String text) {
        if (stopped) throw new IllegalStateException("already stopped");
        held.append(text);
        int first = -1, firstEnd = Integer.MAX_VALUE;
        for (String s : stops) {
            int i = held.indexOf(s);
            if (i < 0) continue;
            int end = i + s.length();
            if (end < firstEnd || end == firstEnd && i < first) {
                first = i;
                firstEnd = end;
            }
        }
        if (first >= 0) {
            emit(held.substring(0, first));
            held.setLength(0);
            stopped = true;
            return true;
        }
        int keep = heldBack();
        emit(held.substring(0, held.length() - keep));
        held.delete(0, held.length() - keep);
        return false;
    }

    /** Generation ended without a stop sequence: what was held back is plain text after all. */
    void finish() {
        if (!stopped) emit(held.toString());
        held.setLength(0);
    }

    /** Everything passed to the sink. */
    String text() {
        return emitted.toString();
    }

    /** Length of the longest end of the held text that begins some stop sequence. */
    private int heldBack() {
        int best = 0;
        String h = held.toString();
        for (String s : stops) {
            for (int k = Math.min(s.length() - 1, held.length()); k > best; k--) {
                if (h.regionMatches(h.length() - k, s, 0, k)) {
                    best = k;
                    break;
                }
            }
        }
        return best;
    }

    private void emit(String s) {
        if (s.isEmpty()) return;
        emitted.append(s);
        sink.accept(s);
    }
}
