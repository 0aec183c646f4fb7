package a1.peer.relay;

import a1.spec.wire.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * The session tables of a peer: the current one, which takes new sessions, and those of ranges it served before a
 * re-balance, which keep their open sessions until they close or expire (a peer moves to its new range before
 * dropping the old one, so no open session fails). Used from the server thread only, except {@link #current},
 * {@link #size} (an approximate count for announcements) and {@link #forwardNanos}.
 */
public final class SessionTables {
    private volatile SessionTable current;
    private final List<SessionTable> retiring = new ArrayList<>();
    private volatile long forwardNanos; // written by the server thread only

    public SessionTables(SessionTable first) {
        this.current = first;
    }

    public SessionTable current() {
        return current;
    }

    /** New sessions go to {@code next}; the old table serves what it holds. Call on the server thread. */
    public void switchTo(SessionTable next) {
        retiring.add(current);
        current = next;
    }

    /** Open sessions over all tables. */
    public int size() {
        return current.size() + retiring.stream().mapToInt(SessionTable::size).sum();
    }

    /** Time spent answering forward requests (layers, checks and the reply's activations): a hop's cost beyond the relay. */
    public long forwardNanos() {
        return forwardNanos;
    }

    Message handle(SessionOwner owner, Message m) {
        if (!(m instanceof Message.Forward)) return dispatch(owner, m);
        long t0 = System.nanoTime();
        try {
            return dispatch(owner, m);
        } finally {
            forwardNanos += System.nanoTime() - t0;
        }
    }

    private Message dispatch(SessionOwner owner, Message m) {
        Long id = switch (m) {
            case Message.Forward f -> f.sessionId();
            case Message.Close c -> c.sessionId();
            default -> null;
        };
        if (id != null) for (SessionTable t : retiring) if (t.holds(owner, id)) return t.handle(owner, m);
        return current.handle(owner, m);
    }

    void dropOwner(SessionOwner owner) {
        current.dropOwner(owner);
        retiring.forEach(t -> t.dropOwner(owner));
        retiring.removeIf(t -> t.size() == 0);
    }

    void expireIdle() {
        current.expireIdle();
        retiring.forEach(SessionTable::expireIdle);
        retiring.removeIf(t -> t.size() == 0);
    }
}
