package a1.sim;

import java.util.PriorityQueue;

/**
 * Virtual time: events run in time order, ties in the order they were scheduled, so a run depends only on its seed.
 * Time is in milliseconds on the same scale as real announcements' expiry times.
 */
final class EventQueue {
    private record Event(long at, long order, Runnable action) {}

    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long now;
    private long scheduled;

    EventQueue(long start) {
        this.now = start;
    }

    long now() {
        return now;
    }

    void at(long time, Runnable action) {
        events.add(new Event(Math.max(time, now), scheduled++, action));
    }

    void after(long delay, Runnable action) {
        at(now + delay, action);
    }

    /** Runs every event due up to {@code end}, then sets the clock to {@code end}. */
    void runUntil(long end) {
        while (!events.isEmpty() && events.peek().at <= end) {
            Event e = events.poll();
            now = e.at;
            e.action.run();
        }
        now = end;
    }
}
