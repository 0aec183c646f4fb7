package a1.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final AtomicLong clock = new AtomicLong();

    @Test
    void showsBytesRateAndEta() {
        ProgressBar bar = new ProgressBar("fetch", 100L << 20, ProgressBar.Unit.BYTES, new PrintStream(new ByteArrayOutputStream()), true, clock::get);
        clock.set(2_000_000_000L); // 2 s for 25 MiB: 12.5 MiB/s, 75 MiB left: 6 s
        bar.update(25L << 20);
        assertEquals("fetch [======>                 ]  25% 25.0 MiB/100.0 MiB 12.5 MiB/s ETA 0:06", bar.line(clock.get()));
    }

    @Test
    void aDetailFollowsTheEta() {
        ProgressBar bar = new ProgressBar("fetch", 100L << 20, ProgressBar.Unit.BYTES, new PrintStream(new ByteArrayOutputStream()), true, clock::get);
        clock.set(2_000_000_000L);
        bar.update(25L << 20, "3 peers");
        assertEquals("fetch [======>                 ]  25% 25.0 MiB/100.0 MiB 12.5 MiB/s ETA 0:06 3 peers", bar.line(clock.get()));
        bar.update(50L << 20);
        assertTrue(bar.line(clock.get()).endsWith(" 3 peers"), "the detail stays until it changes");
    }

    @Test
    void finishedBarSaysDone() {
        ProgressBar bar = new ProgressBar("load", 10, ProgressBar.Unit.COUNT, new PrintStream(new ByteArrayOutputStream()), true, clock::get);
        clock.set(1_000_000_000L);
        bar.update(10);
        assertEquals("load [========================] 100% 10/10 10/s done", bar.line(clock.get()));
    }

    @Test
    void redrawsInPlaceOnATerminalAndEndsTheLine() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ProgressBar bar = new ProgressBar("x", 4, ProgressBar.Unit.COUNT, new PrintStream(sink, true, StandardCharsets.UTF_8), true, clock::get)) {
            bar.add(1);
            clock.addAndGet(200_000_000L);
            bar.add(1);
            bar.add(1); // within 100 ms of the last redraw: not drawn
        }
        String text = sink.toString(StandardCharsets.UTF_8);
        assertEquals(3, text.chars().filter(c -> c == '\r').count(), text);
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void quietWhenNotATerminal() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ProgressBar bar = new ProgressBar("x", 4, ProgressBar.Unit.BYTES, new PrintStream(sink), false, clock::get)) {
            bar.update(4);
        }
        assertEquals(0, sink.size());
    }

    @Test
    void longEtasShowHours() {
        assertEquals("1:01:01", ProgressBar.duration(3661));
        assertEquals("0:01", ProgressBar.duration(0.2));
    }
}
