package a1.peer.relay;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends the I/O of {@link PeerConnection}s that pass their deadline. Blocking sockets have no write timeout, so one
 * daemon thread looks at the open connections every {@value #TICK_MILLIS} ms and closes the socket of any whose
 * request is late, which wakes its caller with an error. A request only writes its deadline in a field: the thread
 * is never woken per request, and it sleeps while no connection is open.
 */
final class Deadlines {
    static final long TICK_MILLIS = 50;

    private static final Set<PeerConnection> OPEN = ConcurrentHashMap.newKeySet();
    private static final Thread WATCHER = Thread.ofPlatform().daemon().name("a1-relay-deadlines").start(Deadlines::watch);

    private Deadlines() {}

    static void add(PeerConnection c) {
        OPEN.add(c);
        LockSupport.unpark(WATCHER);
    }

    static void remove(PeerConnection c) {
        OPEN.remove(c);
    }

    private static void watch() {
        while (true) {
            if (OPEN.isEmpty()) LockSupport.park();
            else LockSupport.parkNanos(TICK_MILLIS * 1_000_000);
            long now = System.nanoTime();
            for (PeerConnection c : OPEN) c.expireIfLate(now);
        }
    }
}
