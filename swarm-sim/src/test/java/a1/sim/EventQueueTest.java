package a1.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    @Test
    void eventsRunInTimeOrderThenInTheOrderScheduled() {
        EventQueue q = new EventQueue(1000);
        List<String> ran = new ArrayList<>();
        q.at(1005, () -> ran.add("b"));
        q.at(1001, () -> ran.add("a"));
        q.at(1005, () -> ran.add("c"));
        q.after(2, () -> q.after(0, () -> ran.add("a2 at " + q.now())));
        q.at(2000, () -> ran.add("late"));
        q.runUntil(1010);
        assertEquals(List.of("a", "a2 at 1002", "b", "c"), ran);
        assertEquals(1010, q.now());
    }
}
